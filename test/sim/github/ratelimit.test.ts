import type { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { client, GITHUB_TOKEN, PAT, startFixtureSim, statusOf } from "../../harness/sim-github/testkit.ts";

const EVENTS = "GET /users/{username}/events/public";

describe("rate limits per token", () => {
  it("sends x-ratelimit-* headers with real-time reset and per-kind budgets", async () => {
    const sim = await startFixtureSim({ budgets: { github: 1000, pat: 5000 } });
    const before = Math.floor(Date.now() / 1000);
    const gh = await client(sim, GITHUB_TOKEN).octokit.request(EVENTS, { username: "bob" });
    expect(gh.headers["x-ratelimit-limit"]).toBe("1000");
    expect(gh.headers["x-ratelimit-remaining"]).toBe("999");
    expect(gh.headers["x-ratelimit-used"]).toBe("1");
    expect(gh.headers["x-ratelimit-resource"]).toBe("core");
    const reset = Number(gh.headers["x-ratelimit-reset"]);
    expect(reset).toBeGreaterThanOrEqual(before + 3599);
    expect(reset).toBeLessThanOrEqual(before + 3601 + 60);
    const pat = await client(sim, PAT).octokit.request(EVENTS, { username: "bob" });
    expect(pat.headers["x-ratelimit-limit"]).toBe("5000");
    await sim.close();
  });

  it("primary exhaustion: 403, remaining 0, GitHub's message, onRateLimit fires", async () => {
    const sim = await startFixtureSim({ budgets: { github: 2 } });
    const { octokit, calls } = client(sim, GITHUB_TOKEN);
    await octokit.request(EVENTS, { username: "bob" });
    await octokit.request(EVENTS, { username: "bob" });
    const err = (await octokit.request(EVENTS, { username: "bob" }).catch((e: unknown) => e)) as RequestError;
    expect(err.status).toBe(403);
    expect(err.message).toMatch(/^API rate limit exceeded for installation ID \d+\./);
    expect(err.response?.headers["x-ratelimit-remaining"]).toBe("0");
    expect(calls.primary).toHaveLength(1);
    expect(calls.primary[0]).toBeGreaterThan(3000);
    expect(sim.validationErrors).toEqual([]);
    await sim.close();
  });

  it("secondary limit: 403 'You have exceeded a secondary rate limit' with retry-after; onSecondaryRateLimit fires", async () => {
    const sim = await startFixtureSim({ budgets: { secondaryPerMinute: 2 } });
    const { octokit, calls } = client(sim, GITHUB_TOKEN);
    await octokit.request(EVENTS, { username: "bob" });
    await octokit.request(EVENTS, { username: "bob" });
    const err = (await octokit.request(EVENTS, { username: "bob" }).catch((e: unknown) => e)) as RequestError;
    expect(err.status).toBe(403);
    expect(err.message).toMatch(/^You have exceeded a secondary rate limit/);
    expect(Number(err.response?.headers["retry-after"])).toBeGreaterThan(0);
    expect(calls.secondary).toHaveLength(1);
    expect(calls.primary).toHaveLength(0);
    await sim.close();
  });

  it("401 Bad credentials for an unknown token, logged as invalid", async () => {
    const sim = await startFixtureSim();
    const err = (await client(sim, "ghp_unknown")
      .octokit.request(EVENTS, { username: "bob" })
      .catch((e: unknown) => e)) as RequestError;
    expect(err.status).toBe(401);
    expect(err.message).toMatch(/^Bad credentials/);
    expect(sim.requests.at(-1)).toMatchObject({ tokenKind: "invalid", status: 401 });
    expect(await statusOf(client(sim, GITHUB_TOKEN).octokit.request(EVENTS, { username: "bob" }))).toBe(200);
    await sim.close();
  });
});
