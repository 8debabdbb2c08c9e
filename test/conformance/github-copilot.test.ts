/**
 * Conformance: the Copilot usage-metrics report readers against request/response pairs written from the documented
 * shapes (our own values), through the real client path (Octokit + plugins → replay server on 127.0.0.1 → the
 * project's fetchCopilotDay / syncCopilot).
 *
 * Sources of the shapes:
 * - [rest] report endpoints: 200 `{download_links: [uri…], report_day}` (the OpenAPI example has two links), 204 when
 *   not ready: https://docs.github.com/en/rest/copilot/copilot-usage-metrics and @octokit/openapi
 *   (`copilot-usage-metrics-1-day-report`).
 * - [flat] the real organization-1-day file is one JSON object with the totals at the top level (no `day_totals`):
 *   https://github.com/google/go-github/pull/4149 (live-data structs, 2026-04-21) and
 *   https://github.com/google/go-github/pull/4177 ("aggregate payloads are JSON objects (1-day)").
 * - [report] a report object `{report_start_day, report_end_day, day_totals: [{day, daily_active_users, …}]}`:
 *   https://docs.github.com/en/enterprise-cloud@latest/copilot/reference/copilot-usage-metrics/example-schema and the
 *   28-day struct in go-github#4149.
 * - [ndjson] users-1-day files are NDJSON ("the Users methods are NDJSON and not a JSON-array", go-github#4149;
 *   https://docs.github.com/en/copilot/reference/copilot-usage-metrics/team-level-metrics).
 * - [document] whole-document, pretty-printed JSON: the docs' example schema shows the user-level data as a
 *   pretty-printed JSON array and the aggregate as a pretty-printed object.
 * - [fields] user fields: the example schema above (unknown ones such as `ai_credits_used`, `totals_by_cli` are
 *   ignored).
 * - [empty-links] `download_links: []`: the schema allows an empty array and says nothing of its meaning (inferred:
 *   read as not ready, never as zero).
 * - [secondary] secondary limit as 403 with the "secondary rate limit" message, with or without `retry-after`
 *   (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit: "If
 *   the retry-after response header is present… Otherwise, wait for at least one minute"; header-less 403s reported
 *   in https://github.com/octokit/plugin-throttling.js/issues/454).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Row } from "#core/format.ts";
import { fetchCopilotDay, syncCopilot } from "../../actions/sync-github/src/copilot.ts";
import {
  API,
  DAILY,
  DAY,
  flat,
  LANGUAGES,
  legacy,
  ndjson,
  ORG,
  pretty,
  report,
  reportExchanges,
  users,
} from "./github-copilot-cases.ts";
import { type Harness, harness, rateHeaders } from "./github-kit.ts";
import type { Exchange } from "./replay.ts";

const byLanguage = (rows: readonly Row[]) =>
  [...rows].sort((a, b) => String(a.language).localeCompare(String(b.language)));

let h: Harness | undefined;
afterEach(async () => {
  await h?.replay.close();
  h = undefined;
});

async function day(exchanges: Exchange[]) {
  h = await harness(exchanges);
  const result = await fetchCopilotDay(h.client, ORG, DAY);
  expect(h.replay.unmatched()).toEqual([]);
  return result;
}

describe("Copilot report shapes → the same rows", () => {
  it.each([
    ["flat object, pretty-printed / users NDJSON", pretty(flat()), [ndjson(users)]],
    ["flat object, one NDJSON line / users pretty JSON array", ndjson([flat()]), [pretty(users)]],
    ["report with day_totals array, pretty / users NDJSON", pretty(report), [ndjson(users)]],
    [
      "report with day_totals array, NDJSON / users in two links",
      ndjson([report]),
      [ndjson(users.slice(0, 1)), ndjson(users.slice(1))],
    ],
    ["legacy day_totals object / users NDJSON", ndjson([legacy]), [ndjson(users)]],
  ])("%s", async (_name, orgFile, userFiles) => {
    const r = await day([
      ...reportExchanges("organization-1-day", [orgFile]),
      ...reportExchanges("users-1-day", userFiles),
    ]);
    expect(r.daily).toEqual(DAILY);
    expect(byLanguage(r.languages)).toEqual(LANGUAGES);
  });

  it("an organization report in two links (one file per half of the day_totals) reads the day from either", async () => {
    const first = { ...report, day_totals: report.day_totals.slice(0, 1) };
    const second = { ...report, day_totals: report.day_totals.slice(1) };
    const r = await day([
      ...reportExchanges("organization-1-day", [pretty(first), pretty(second)]),
      ...reportExchanges("users-1-day", [ndjson(users)]),
    ]);
    expect(r.daily).toEqual(DAILY);
  });
});

describe("not ready is never a number", () => {
  const notReady = (r: { daily: Row; languages: readonly Row[] }) => {
    expect(r.daily.report_status).toBe("not_ready");
    expect(r.daily.daily_active_users).toBeNull();
    expect(r.daily.code_generation_activity_count).toBeNull();
    expect(r.languages).toEqual([]);
  };
  it("organization report with download_links: [] [empty-links]", async () => {
    notReady(await day(reportExchanges("organization-1-day", [])));
  });
  it("users report with download_links: [] [empty-links]", async () => {
    notReady(
      await day([...reportExchanges("organization-1-day", [pretty(flat())]), ...reportExchanges("users-1-day", [])]),
    );
  });
  it("204 No Content [rest]", async () => {
    notReady(
      await day([
        {
          request: { method: "GET", path: `${API}/organization-1-day?day=${DAY}` },
          response: { status: 204, headers: rateHeaders() },
        },
      ]),
    );
  });
});

describe("a needed value missing is refused, naming the day and the field (never the value)", () => {
  const refused = async (orgFile: string, userFile: string, pattern: RegExp) => {
    h = await harness([
      ...reportExchanges("organization-1-day", [orgFile]),
      ...reportExchanges("users-1-day", [userFile]),
    ]);
    const err = await fetchCopilotDay(h.client, ORG, DAY).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(pattern);
    return String((err as Error).message);
  };
  it("flat object without weekly_active_users", async () => {
    const { weekly_active_users: _gone, ...rest } = flat();
    await refused(
      pretty(rest),
      ndjson(users),
      /organization-1-day 2026-01-15: weekly_active_users: .*not counted as zero/,
    );
  });
  it("a mistyped total: the message names the field, not the upstream value", async () => {
    const message = await refused(
      pretty({ ...flat(), monthly_active_users: "eight-ish" }),
      ndjson(users),
      /monthly_active_users/,
    );
    expect(message).not.toContain("eight-ish");
  });
  it("report whose day_totals lacks the requested day", async () => {
    await refused(
      pretty({ ...report, day_totals: [report.day_totals[0]] }),
      ndjson(users),
      /2026-01-15: no record for that day/,
    );
  });
  it("a user record without user_login (pretty JSON array)", async () => {
    const { user_login: _gone, ...second } = users[1] ?? {};
    await refused(pretty(flat()), pretty([users[0], second]), /users-1-day 2026-01-15: record 2: user_login/);
  });
  it("a broken NDJSON line is named", async () => {
    await refused(
      pretty(flat()),
      `${JSON.stringify(users[0])}\n{"day":"2026-01\n`,
      /users-1-day 2026-01-15: line 2 is not valid JSON/,
    );
  });
});

describe("secondary rate limit on the report endpoint [secondary]", () => {
  const NOW = new Date("2026-01-16T08:00:00Z");
  const days = ["2026-01-09", "2026-01-10", "2026-01-11", "2026-01-12", "2026-01-13", "2026-01-14", DAY];
  const secondary = (retryAfter?: string): Exchange => ({
    request: { method: "GET", path: `${API}/organization-1-day?day=${DAY}` },
    response: {
      status: 403,
      headers: { ...rateHeaders(4000), ...(retryAfter === undefined ? {} : { "retry-after": retryAfter }) },
      body: {
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        documentation_url:
          "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        status: "403",
      },
    },
  });
  /** seven days of reports; the org report of DAY first answers `first` (if given) */
  const week = (first: Exchange[]): Exchange[] => [
    ...first,
    ...days.flatMap((d) => [
      ...reportExchanges("organization-1-day", [pretty(flat(d))], d),
      ...reportExchanges("users-1-day", [ndjson(users.filter((u) => u.day === d))], d),
    ]),
  ];
  const run = async (exchanges: Exchange[], opts: { timeBudgetMs?: number; secondaryFallbackSeconds?: number }) => {
    h = await harness(exchanges, opts);
    const r = await syncCopilot({
      client: h.client,
      org: ORG,
      now: NOW,
      existingDaily: [DAILY],
      existingLanguages: LANGUAGES,
      budget: h.budget,
    });
    expect(h.replay.unmatched()).toEqual([]);
    return r;
  };

  it("403 without retry-after: backs off (fallback) and retries, then every day completes", async () => {
    const r = await run(week([secondary()]), { secondaryFallbackSeconds: 0 });
    expect(h?.hits(`${API}/organization-1-day`)).toBe(8);
    expect(h?.logs.some((l) => /secondary rate limit .* retry 1/.test(l))).toBe(true);
    expect(r.remaining).toBe(0);
    expect(r.daily.find((d) => d.day === DAY)).toEqual(DAILY);
  });

  it("403 without retry-after whose 60 s fallback exceeds the run's time budget: partial, recorded day kept", async () => {
    const r = await run(week(Array.from({ length: 4 }, () => secondary())), { timeBudgetMs: 10_000 });
    expect(h?.logs.some((l) => /secondary rate limit .* giving up/.test(l))).toBe(true);
    expect(r.remaining).toBeGreaterThan(0);
    expect(r.fetched).toBe(days.length - r.remaining);
    expect(r.daily.find((d) => d.day === DAY)).toEqual(DAILY);
  });

  it("403 with retry-after: 1 waits and retries", async () => {
    const r = await run(week([secondary("1")]), {});
    expect(h?.logs.some((l) => /retry 1 after 1s/.test(l))).toBe(true);
    expect(r.remaining).toBe(0);
  });

  it("403 with a retry-after beyond the run's time budget: partial, nothing lost", async () => {
    const r = await run(week(Array.from({ length: 4 }, () => secondary("120"))), { timeBudgetMs: 10_000 });
    expect(r.remaining).toBeGreaterThan(0);
    expect(byLanguage(r.languages.filter((l) => l.day === DAY))).toEqual(LANGUAGES);
  });
});
