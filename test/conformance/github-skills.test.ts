/**
 * Conformance: Skills enrollments (forks and template-generated learner repositories) against request/response
 * pairs written from the documented shapes (our own values), through Octokit with the project's plugins and the
 * project's fetchForks / syncSkills, on a replay server on 127.0.0.1.
 *
 * Sources of the shapes:
 * - [forks] `GET /repos/{owner}/{repo}/forks?sort=newest|oldest|stargazers|watchers` (default newest), `per_page`,
 *   `page`: https://docs.github.com/en/rest/repos/forks#list-forks and @octokit/openapi.
 * - [link] pagination by absolute `Link: <…>; rel="next", <…>; rel="last"`:
 *   https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 * - [etag] conditional requests, 304 with `If-None-Match` (and no rate-limit cost when authorized):
 *   https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 * - [search] `{total_count, incomplete_results, items}` and "incomplete_results: true" when a search times out:
 *   https://docs.github.com/en/rest/search/search#timeouts-and-incomplete-results and @octokit/openapi.
 * - [secondary] 403 "secondary rate limit" without `retry-after`:
 *   https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit,
 *   https://github.com/octokit/plugin-throttling.js/issues/454
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Row } from "#core/format.ts";
import { enrollmentRow, fetchForks, type SkillsState } from "../../actions/sync-github/src/skills.ts";
import { syncSkills } from "../../actions/sync-github/src/skills-sync.ts";
import { type Harness, harness, rateHeaders } from "./github-kit.ts";
import type { Exchange } from "./replay.ts";

const COURSE = "hello-skills";
const NOW = new Date("2026-01-16T08:00:00Z");
const FORKS = `/repos/skills/${COURSE}/forks`;

/** A fork as the listing returns it (the fields a repository object carries that we read, plus a few we ignore). */
function fork(i: number) {
  const created = new Date(Date.parse("2025-01-01T00:00:00Z") + i * 3_600_000).toISOString().replace(".000", "");
  return {
    id: 50_000 + i,
    node_id: `R_${i}`,
    name: COURSE,
    full_name: `learner-${i}/${COURSE}`,
    owner: { login: `learner-${i}`, id: 90_000 + i, type: "User" },
    private: false,
    fork: true,
    html_url: `https://github.com/learner-${i}/${COURSE}`,
    created_at: created,
    updated_at: created,
    pushed_at: created,
    stargazers_count: 0,
  };
}
type Fork = ReturnType<typeof fork>;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
const rows = (forks: readonly Fork[]): Row[] => forks.map((f) => enrollmentRow(f, COURSE, "fork"));

/** [forks][link][etag] the forks of COURSE newest first, `per` a page, page 1 with `etag`. */
function forkPages(all: readonly Fork[], etag = '"page-1-v1"'): Exchange[] {
  const newest = [...all].reverse();
  const pages = Math.max(1, Math.ceil(newest.length / 100));
  const link = (p: number) => `{{origin}}${FORKS}?per_page=100&sort=newest&page=${p}`;
  return range(1, pages).map((p) => ({
    request: { method: "GET", path: `${FORKS}?per_page=100&sort=newest&page=${p}` },
    response: {
      status: 200,
      headers: {
        ...rateHeaders(),
        ...(p === 1 ? { etag } : {}),
        ...(p < pages ? { link: `<${link(p + 1)}>; rel="next", <${link(pages)}>; rel="last"` } : {}),
      },
      body: newest.slice((p - 1) * 100, p * 100),
    },
  }));
}

const emptyState = (): SkillsState => ({ version: 1, forks_etags: {}, confirmed: {} });

let h: Harness | undefined;
afterEach(async () => {
  await h?.replay.close();
  h = undefined;
});

describe("forks on any page [forks]", () => {
  it("first run: walks every page newest first and stores page 1's ETag", async () => {
    h = await harness(forkPages(range(1, 250).map(fork)));
    const state = emptyState();
    const scan = await fetchForks(h.client, COURSE, state);
    expect(h.replay.unmatched()).toEqual([]);
    expect(scan).not.toBe("unchanged");
    if (scan === "unchanged") return;
    expect(scan.listed).toHaveLength(250);
    expect(scan).toMatchObject({ whole: true, finished: true, pages: 3 });
    expect(h.hits(FORKS)).toBe(3);
    expect(state.forks_etags[COURSE]).toBe('"page-1-v1"');
  });

  it("more than 100 forks, new ones since the last run: found on page 1, the walk stops at the first known fork", async () => {
    // 240 forks known from the last run; 10 new ones. Listed oldest first, they would sit on page 3 of 3.
    h = await harness(forkPages(range(1, 250).map(fork), '"page-1-v2"'));
    const state: SkillsState = { ...emptyState(), forks_etags: { [COURSE]: '"page-1-v1"' } };
    const known = new Set(range(1, 240).map((i) => `learner-${i}/${COURSE}`));
    const scan = await fetchForks(h.client, COURSE, state, known);
    if (scan === "unchanged") throw new Error("expected a listing");
    expect(scan).toMatchObject({ whole: false, finished: true, pages: 1 });
    expect(h.hits(FORKS)).toBe(1);
    expect(scan.listed.filter((f) => !known.has(f.full_name ?? "")).map((f) => f.full_name)).toEqual(
      range(241, 250)
        .reverse()
        .map((i) => `learner-${i}/${COURSE}`),
    );
  });

  it("304 on page 1 to the stored ETag [etag]: unchanged after one request", async () => {
    h = await harness([
      {
        request: {
          method: "GET",
          path: `${FORKS}?per_page=100&sort=newest&page=1`,
          headers: { "if-none-match": '"page-1-v1"' },
        },
        response: { status: 304, headers: { ...rateHeaders(), etag: '"page-1-v1"' } },
      },
    ]);
    const state: SkillsState = { ...emptyState(), forks_etags: { [COURSE]: '"page-1-v1"' } };
    expect(await fetchForks(h.client, COURSE, state, new Set(["learner-1/hello-skills"]))).toBe("unchanged");
    expect(h.replay.unmatched()).toEqual([]);
  });
});

describe("a fork listing longer than the run's budget [forks][link]", () => {
  it("stops where the budget ends, and the next run goes on from there (one page earlier per 100 new forks)", async () => {
    h = await harness(forkPages(range(1, 250).map(fork)));
    const state = emptyState();
    let pagesAsked = 0;
    const first = await fetchForks(h.client, COURSE, state, new Set(), () => ++pagesAsked >= 2);
    if (first === "unchanged") throw new Error("expected a listing");
    expect(first).toMatchObject({ whole: false, finished: false, pages: 2 });
    expect(state.forks_backfill).toEqual({ [COURSE]: 3 });
    await h.replay.close();

    // five new forks since: page 1 shows them and recorded ones; the rest comes from the saved page on
    h = await harness(forkPages(range(1, 255).map(fork), '"page-1-v2"'));
    const known = new Set(first.listed.map((f) => (f.full_name ?? "").toLowerCase()));
    const next = await fetchForks(h.client, COURSE, state, known);
    if (next === "unchanged") throw new Error("expected a listing");
    expect(next).toMatchObject({ whole: false, finished: true });
    expect(state.forks_backfill).toEqual({});
    const all = new Set([...known, ...next.listed.map((f) => (f.full_name ?? "").toLowerCase())]);
    expect(all.size).toBe(255);
    expect(h.replay.unmatched()).toEqual([]);
  });
});

/** A template learner found by search. */
const learner = (i: number) => ({
  ...fork(1000 + i),
  fork: false,
  full_name: `tl-${i}/skills-${COURSE}`,
  name: `skills-${COURSE}`,
  owner: { login: `tl-${i}`, id: 80_000 + i, type: "User" },
});
const Q = `skills-${COURSE} in:name fork:false created:2024-01-01..2026-01-16`;
const searchPath = `/search/repositories?q=${encodeURIComponent(Q)}&per_page=100&page=1`;
const search = (incomplete: boolean, items: unknown[]): Exchange => ({
  request: { method: "GET", path: searchPath },
  response: {
    status: 200,
    headers: rateHeaders(29, "search"),
    body: { total_count: items.length, incomplete_results: incomplete, items },
  },
});
const courses: Exchange = {
  request: { method: "GET", path: "/orgs/skills/repos?per_page=100&type=public" },
  response: {
    status: 200,
    headers: rateHeaders(),
    body: [
      { id: 1, name: COURSE, full_name: `skills/${COURSE}`, is_template: true, created_at: "2024-01-01T00:00:00Z" },
    ],
  },
};

describe("search incomplete_results [search]", () => {
  const sync = async (exchanges: Exchange[], existing: Row[]) => {
    h = await harness(exchanges);
    const state: SkillsState = {
      ...emptyState(),
      confirmed: Object.fromEntries(range(1, 3).map((i) => [`tl-${i}/skills-${COURSE}`, COURSE])),
    };
    const logs: string[] = [];
    const r = await syncSkills({
      client: h.client,
      now: NOW,
      state,
      existingEnrollments: existing,
      budget: h.budget,
      log: (m) => logs.push(m),
    });
    expect(h.replay.unmatched()).toEqual([]);
    return { r, logs };
  };
  const before = [...rows(range(1, 5).map(fork)), enrollmentRow(learner(1), COURSE, "template")];

  it("incomplete after its retries: the dataset is partial with the course named; recorded learners kept", async () => {
    const exchanges = [
      courses,
      ...forkPages(range(1, 5).map(fork)),
      ...[1, 2, 3].map(() => search(true, [learner(2)])),
    ];
    const { r, logs } = await sync(exchanges, before);
    expect(h?.hits("/search/repositories")).toBe(3);
    expect(r.partial).toEqual({ done: 0, total: 1, cursor: COURSE });
    expect(logs.join("\n")).toContain(`search for ${COURSE} stayed incomplete`);
    const templates = r.enrollments.filter((e) => e.method === "template").map((e) => e.repository);
    expect(templates.sort()).toEqual([`tl-1/skills-${COURSE}`, `tl-2/skills-${COURSE}`]);
  });

  it("incomplete once, complete on the retry: not partial", async () => {
    const exchanges = [
      courses,
      ...forkPages(range(1, 5).map(fork)),
      search(true, []),
      search(false, [learner(1), learner(3)]),
    ];
    const { r } = await sync(exchanges, before);
    expect(h?.hits("/search/repositories")).toBe(2);
    expect(r.partial).toBeUndefined();
    const templates = r.enrollments.filter((e) => e.method === "template").map((e) => e.repository);
    expect(templates.sort()).toEqual([`tl-1/skills-${COURSE}`, `tl-3/skills-${COURSE}`]);
  });

  it("the rate budget running out mid-listing: partial with the course named, new forks added, recorded rows kept", async () => {
    const pages = forkPages(range(1, 150).map(fork));
    const [page1, ...rest] = pages;
    if (page1 === undefined) throw new Error("no page");
    // page 1 reports the hourly budget spent (remaining 0 = the reserve of this harness)
    const spent: Exchange = {
      ...page1,
      response: { ...page1.response, headers: { ...page1.response.headers, ...rateHeaders(0) } },
    };
    h = await harness([courses, spent, ...rest]);
    const state = emptyState();
    const r = await syncSkills({ client: h.client, now: NOW, state, existingEnrollments: before, budget: h.budget });
    expect(r.partial).toEqual({ done: 0, total: 1, cursor: COURSE });
    expect(state.forks_backfill).toEqual({ [COURSE]: 2 });
    expect(h.hits("/search/repositories")).toBe(0);
    const forks = r.enrollments.filter((e) => e.method === "fork");
    expect(forks).toHaveLength(100 + 5);
    expect(r.enrollments).toEqual(expect.arrayContaining(before));
  });

  it("a 403 secondary limit without retry-after on the forks listing: partial, recorded rows kept [secondary]", async () => {
    const limited: Exchange = {
      request: { method: "GET", path: `${FORKS}?per_page=100&sort=newest&page=1` },
      response: {
        status: 403,
        headers: rateHeaders(4000),
        body: {
          message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          documentation_url:
            "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits",
          status: "403",
        },
      },
    };
    h = await harness([courses, limited], { timeBudgetMs: 10_000 });
    const r = await syncSkills({
      client: h.client,
      now: NOW,
      state: emptyState(),
      existingEnrollments: before,
      budget: h.budget,
    });
    expect(h.logs.some((l) => /secondary rate limit .* giving up/.test(l))).toBe(true);
    expect(r.partial).toEqual({ done: 0, total: 1, cursor: COURSE });
    expect(r.enrollments).toEqual(before);
  });
});
