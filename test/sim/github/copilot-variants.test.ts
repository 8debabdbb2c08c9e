/**
 * The simulator's wire variants (issue 14): the Copilot report shapes and encodings mixed by day and forced by a
 * fault plan, `download_links: []`, search `incomplete_results`, and a secondary 403 without `retry-after`.
 */
import { afterEach, describe, expect, it } from "vitest";
import { orgDayTotals, parseDocument } from "../../../actions/sync-github/src/copilot-parse.ts";
import type { FaultPlanInput } from "../../../sim/faults/plan.ts";
import { defaultVariant } from "../../../sim/github/copilot-variants.ts";
import type { GitHubSim } from "../../../sim/github/types.ts";
import { COPILOT_TOKEN, client, GITHUB_TOKEN, startFixtureSim } from "../../harness/sim-github/testkit.ts";

const ORG = "ace-org";
const DAY = "2026-11-20";
const ORG_DAY = "GET /orgs/{org}/copilot/metrics/reports/organization-1-day";
const USERS = "GET /orgs/{org}/copilot/metrics/reports/users-1-day";

let sim: GitHubSim | undefined;
afterEach(async () => {
  expect(sim?.validationErrors ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

/** The texts behind a report's links, from a fresh fixture simulator under `faults` (closed afterwards). */
async function files(faults: FaultPlanInput, report: typeof ORG_DAY | typeof USERS, day = DAY) {
  const own = await startFixtureSim({ faults });
  try {
    const { octokit } = client(own, COPILOT_TOKEN);
    const res = await octokit.request(report, { org: ORG, day });
    const links = (res.data as { download_links: string[] }).download_links;
    const texts = await Promise.all(links.map(async (l) => (await fetch(l)).text()));
    expect(own.validationErrors).toEqual([]);
    return texts;
  } finally {
    await own.close();
  }
}

const force = (extra: Record<string, unknown>): FaultPlanInput => ({
  faults: [{ route: "github:copilot-report", kind: "copilot-shape", ...extra }],
});

describe("Copilot report variants", () => {
  it("mixes flat/report shapes, NDJSON/JSON and one or two users links across days, deterministically", () => {
    const days = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    const vs = days.map(defaultVariant);
    expect(new Set(vs.map((v) => v.shape))).toEqual(new Set(["flat", "report"]));
    expect(new Set(vs.map((v) => v.encoding))).toEqual(new Set(["ndjson", "json"]));
    expect(new Set(vs.map((v) => v.usersEncoding))).toEqual(new Set(["ndjson", "json"]));
    expect(new Set(vs.map((v) => v.links))).toEqual(new Set([1, 2]));
    expect(days.map(defaultVariant)).toEqual(vs);
  });

  it("flat, pretty-printed: one object with the totals at the top level", async () => {
    const [text = ""] = await files(force({ shape: "flat", encoding: "json" }), ORG_DAY);
    expect(text.startsWith("{\n  ")).toBe(true);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc).toMatchObject({ day: DAY, daily_active_users: 5, weekly_active_users: 7, monthly_active_users: 9 });
    expect(doc.day_totals).toBeUndefined();
  });

  it("report object, NDJSON: day_totals is an array of per-day objects", async () => {
    const [text = ""] = await files(force({ shape: "report", encoding: "ndjson" }), ORG_DAY);
    expect(text.split("\n").filter(Boolean)).toHaveLength(1);
    const doc = JSON.parse(text) as { report_start_day: string; report_end_day: string; day_totals: unknown[] };
    expect(doc).toMatchObject({ report_start_day: DAY, report_end_day: DAY });
    expect(doc.day_totals).toEqual([expect.objectContaining({ day: DAY, daily_active_users: 5 })]);
  });

  it("legacy day_totals object only when forced; every shape reads to the same totals", async () => {
    const [legacy = ""] = await files(force({ shape: "legacy" }), ORG_DAY);
    expect(JSON.parse(legacy)).toMatchObject({ day: DAY, day_totals: { daily_active_users: 5 } });
    for (const shape of ["flat", "report", "legacy"])
      for (const encoding of ["ndjson", "json"]) {
        const texts = await files(force({ shape, encoding }), ORG_DAY);
        expect(orgDayTotals(texts, DAY)).toEqual({
          day: DAY,
          daily_active_users: 5,
          weekly_active_users: 7,
          monthly_active_users: 9,
        });
      }
  });

  it("users as a pretty JSON array over several links", async () => {
    const texts = await files(force({ usersEncoding: "json", links: 3 }), USERS);
    expect(texts).toHaveLength(3);
    expect(texts.every((t) => t.startsWith("[\n"))).toBe(true);
    const users = texts.flatMap((t) => parseDocument(t, "users")) as { user_login: string }[];
    expect(users.map((u) => u.user_login)).toEqual(["user0", "user1", "user2", "user3", "user4"]);
  });

  it("empty-links: 200 with download_links: []", async () => {
    sim = await startFixtureSim({ faults: { faults: [{ route: "github:copilot-report", kind: "empty-links" }] } });
    const res = await client(sim, COPILOT_TOKEN).octokit.request(ORG_DAY, { org: ORG, day: DAY });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ download_links: [], report_day: DAY });
  });
});

describe("search and rate-limit variants", () => {
  it("incomplete: incomplete_results true with part of the items; the default times out some first asks only", async () => {
    sim = await startFixtureSim({ faults: { faults: [{ route: "github:search", nth: [1], kind: "incomplete" }] } });
    const { octokit } = client(sim, GITHUB_TOKEN);
    const q = "skills-introduction-to-github in:name fork:false";
    const first = await octokit.request("GET /search/repositories", { q, per_page: 100 });
    const again = await octokit.request("GET /search/repositories", { q, per_page: 100 });
    expect(first.data.incomplete_results).toBe(true);
    expect(again.data.incomplete_results).toBe(false);
    expect(first.data.items.length).toBeLessThan(again.data.items.length);
    expect(first.data.total_count).toBe(again.data.total_count);
  });

  it("secondary 403 without retry-after (retryAfterHeader: false), and with it", async () => {
    sim = await startFixtureSim({
      faults: {
        faults: [
          { route: "github:forks", nth: [1], kind: "status", status: 403, limit: "secondary", retryAfterHeader: false },
          { route: "github:forks", nth: [2], kind: "status", status: 403, limit: "secondary", retryAfter: 7 },
        ],
      },
    });
    const { octokit } = client(sim, GITHUB_TOKEN);
    const ask = () =>
      octokit.request("GET /repos/{owner}/{repo}/forks", { owner: "skills", repo: "introduction-to-github" }).then(
        () => undefined,
        (e: { status: number; message: string; response: { headers: Record<string, string> } }) => e,
      );
    const without = await ask();
    expect(without?.status).toBe(403);
    expect(without?.message).toMatch(/secondary rate limit/);
    expect(without?.response.headers["retry-after"]).toBeUndefined();
    const withHeader = await ask();
    expect(withHeader?.response.headers["retry-after"]).toBe("7");
  });
});
