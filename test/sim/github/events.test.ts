import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { FIXTURE_NOW } from "../../harness/sim-github/fixture.ts";
import { client, GITHUB_TOKEN, statusOf, useFixtureSim } from "../../harness/sim-github/testkit.ts";

const EVENTS = "GET /users/{username}/events/public";
const fx = useFixtureSim();

describe("GET /users/{username}/events/public", () => {
  it("paginates with absolute Link URLs up to the 300-event cap, 30-day window, per_page capped at 100", async () => {
    const { octokit } = client(fx.sim, GITHUB_TOKEN);
    const first = await octokit.request(EVENTS, { username: "alice", per_page: 500 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toMatch(
      new RegExp(`^<${fx.sim.url}/users/alice/events/public\\?per_page=500&page=2>; rel="next"`),
    );
    expect(first.headers.link).toContain('page=3>; rel="last"');
    expect(first.headers["x-poll-interval"]).toBe("60");
    const all = await octokit.paginate(EVENTS, { username: "alice", per_page: 100 });
    expect(all).toHaveLength(300);
    expect(new Set(all.map((e) => e.id)).size).toBe(300);
    const bob = await octokit.paginate(EVENTS, { username: "bob", per_page: 100 });
    const since = FIXTURE_NOW.getTime() - 30 * 86_400_000;
    expect(bob.length).toBe(10);
    expect(bob.every((e) => Date.parse(e.created_at ?? "") >= since)).toBe(true);
    expect(await octokit.paginate(EVENTS, { username: "carol" })).toEqual([]);
  });

  it("answers 422 past the cap and 404 for unknown users", async () => {
    const { octokit } = client(fx.sim, GITHUB_TOKEN);
    const err = await octokit.request(EVENTS, { username: "alice", per_page: 100, page: 4 }).catch((e: unknown) => e);
    expect((err as RequestError).status).toBe(422);
    expect((err as RequestError).message).toMatch(/pagination is limited for this resource/);
    expect(await statusOf(octokit.request(EVENTS, { username: "alice", per_page: 30, page: 10 }))).toBe(200);
    expect(await statusOf(octokit.request(EVENTS, { username: "alice", per_page: 30, page: 11 }))).toBe(422);
    expect(await statusOf(octokit.request(EVENTS, { username: "nobody-here" }))).toBe(404);
  });

  it("ETag + If-None-Match → 304 (RequestError), free of rate limit when authorized, logged as 304", async () => {
    const { octokit } = client(fx.sim, GITHUB_TOKEN);
    const res = await octokit.request(EVENTS, { username: "bob" });
    const etag = res.headers.etag ?? "";
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const remaining = Number(res.headers["x-ratelimit-remaining"]);
    const err = await octokit
      .request(EVENTS, { username: "bob", headers: { "if-none-match": etag } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).status).toBe(304);
    expect(Number((err as RequestError).response?.headers["x-ratelimit-remaining"])).toBe(remaining);
    const after = await octokit.request(EVENTS, { username: "bob" });
    expect(Number(after.headers["x-ratelimit-remaining"])).toBe(remaining - 1);
    const bobLog = fx.sim.requests.filter((r) => r.path.startsWith("/users/bob/events/public"));
    expect(bobLog.filter((r) => r.was304)).toHaveLength(1);
    expect(bobLog.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(bobLog.every((r) => r.tokenKind === "github" || r.tokenKind === "anonymous")).toBe(true);
    // a stale ETag gets the full page again
    expect(await statusOf(octokit.request(EVENTS, { username: "bob", headers: { "if-none-match": 'W/"0"' } }))).toBe(
      200,
    );
  });

  it("anonymous conditional requests still cost rate limit", async () => {
    const { octokit } = client(fx.sim, undefined);
    const res = await octokit.request(EVENTS, { username: "bob" });
    expect(res.headers["x-ratelimit-limit"]).toBe("60");
    const remaining = Number(res.headers["x-ratelimit-remaining"]);
    const err = await octokit
      .request(EVENTS, { username: "bob", headers: { "if-none-match": res.headers.etag ?? "" } })
      .catch((e: unknown) => e);
    expect((err as RequestError).status).toBe(304);
    expect(Number((err as RequestError).response?.headers["x-ratelimit-remaining"])).toBe(remaining - 1);
  });
});
