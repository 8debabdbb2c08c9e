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
import type { Row } from "../../actions/shared/format.ts";
import { fetchCopilotDay, syncCopilot } from "../../actions/sync-github/src/copilot.ts";
import { type Harness, harness, rateHeaders } from "./github-kit.ts";
import type { Exchange } from "./replay.ts";

const ORG = "ace-org";
const DAY = "2026-01-15";
const API = `/orgs/${ORG}/copilot/metrics/reports`;

/** [flat] with extra fields the reader must ignore. */
const flat = (day = DAY) => ({
  day,
  organization_id: "4242",
  enterprise_id: "",
  daily_active_users: 3,
  daily_active_copilot_cloud_agent_users: 0,
  weekly_active_users: 5,
  monthly_active_users: 8,
  monthly_active_chat_users: 2,
  monthly_active_agent_users: 1,
  user_initiated_interaction_count: 3,
  code_generation_activity_count: 48,
});
/** [report] */
const report = {
  report_start_day: "2026-01-14",
  report_end_day: "2026-01-16",
  organization_id: "4242",
  created_at: "2026-01-17T04:10:00Z",
  day_totals: [
    { ...flat("2026-01-14"), daily_active_users: 9 },
    flat(DAY),
    { ...flat("2026-01-16"), monthly_active_users: 11 },
  ],
};
/** the older `day_totals` object (no public source; read because it cannot be confused with the others) */
const legacy = { day: DAY, day_totals: { daily_active_users: 3, weekly_active_users: 5, monthly_active_users: 8 } };

/** [fields] two users with extra fields */
const users = [
  {
    day: DAY,
    enterprise_id: "1",
    ai_credits_used: 12.5,
    user_id: 101,
    user_login: "learner-a",
    code_generation_activity_count: 40,
    code_acceptance_activity_count: 12,
    loc_added_sum: 30,
    loc_deleted_sum: 4,
    loc_suggested_to_add_sum: 90,
    loc_suggested_to_delete_sum: 2,
    user_initiated_interaction_count: 3,
    used_agent: false,
    used_chat: true,
    used_cli: false,
    totals_by_cli: { prompt_count: 0, request_count: 0, session_count: 0 },
    totals_by_language_feature: [
      {
        language: "TypeScript",
        feature: "code_completion",
        code_generation_activity_count: 30,
        code_acceptance_activity_count: 10,
        loc_suggested_to_add_sum: 70,
        loc_added_sum: 25,
      },
      {
        language: "python",
        feature: "chat_panel_ask_mode",
        code_generation_activity_count: 10,
        code_acceptance_activity_count: 2,
        loc_suggested_to_add_sum: 20,
        loc_added_sum: 5,
      },
    ],
  },
  {
    day: DAY,
    user_id: 102,
    user_login: "learner-b",
    code_generation_activity_count: 8,
    code_acceptance_activity_count: 3,
    loc_added_sum: 6,
    loc_deleted_sum: 0,
    loc_suggested_to_add_sum: 16,
    user_initiated_interaction_count: 0,
    used_agent: true,
    used_chat: false,
    used_cli: true,
    totals_by_language_feature: [
      {
        language: "python",
        feature: "code_completion",
        code_generation_activity_count: 8,
        code_acceptance_activity_count: 3,
        loc_suggested_to_add_sum: 16,
        loc_added_sum: 6,
      },
    ],
  },
];

const DAILY: Row = {
  org: ORG,
  day: DAY,
  report_status: "complete",
  daily_active_users: 3,
  weekly_active_users: 5,
  monthly_active_users: 8,
  engaged_users: 1,
  chat_users: 1,
  agent_users: 1,
  cli_users: 1,
  code_generation_activity_count: 48,
  code_acceptance_activity_count: 15,
  loc_suggested_to_add_sum: 106,
  loc_added_sum: 36,
  loc_deleted_sum: 4,
};
const LANGUAGES: Row[] = [
  {
    org: ORG,
    day: DAY,
    language: "python",
    users: 2,
    code_generation_activity_count: 18,
    code_acceptance_activity_count: 5,
    loc_suggested_to_add_sum: 36,
    loc_added_sum: 11,
  },
  {
    org: ORG,
    day: DAY,
    language: "typescript",
    users: 1,
    code_generation_activity_count: 30,
    code_acceptance_activity_count: 10,
    loc_suggested_to_add_sum: 70,
    loc_added_sum: 25,
  },
];

const ndjson = (records: readonly unknown[]) => records.map((r) => `${JSON.stringify(r)}\n`).join("");
const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

/** [rest] the report endpoint for `kind` and `day`, answering links to `files` (served by the same replay). */
function reportExchanges(kind: string, files: readonly string[], day = DAY): Exchange[] {
  const links = files.map((_, i) => `{{origin}}/blob/${kind}/${day}/part-${i}.json?sig=s${i}`);
  return [
    {
      request: { method: "GET", path: `${API}/${kind}?day=${day}` },
      response: { status: 200, headers: rateHeaders(), body: { download_links: links, report_day: day } },
    },
    ...files.map((body, i) => ({
      request: { method: "GET", path: `/blob/${kind}/${day}/part-${i}.json?sig=s${i}` },
      response: { status: 200, headers: { "content-type": "application/octet-stream" }, body },
    })),
  ];
}

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
