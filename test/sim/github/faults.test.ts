import type { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { createFaultInjector, type FaultPlanInput } from "../../../sim/faults/plan.ts";
import type { GitHubSim } from "../../../sim/github/types.ts";
import { COPILOT_TOKEN, client, GITHUB_TOKEN, startFixtureSim } from "../../harness/sim-github/testkit.ts";

const EVENTS = "GET /users/{username}/events/public";
const USERS = "GET /orgs/{org}/copilot/metrics/reports/users-1-day";

async function withPlan(plan: FaultPlanInput, fn: (sim: GitHubSim) => Promise<void>): Promise<void> {
  const sim = await startFixtureSim({ faults: plan });
  try {
    await fn(sim);
    expect(sim.validationErrors).toEqual([]);
  } finally {
    await sim.close();
  }
}

const statuses = (sim: GitHubSim, route: string): number[] =>
  sim.requests.filter((r) => r.route === route).map((r) => r.status);

describe("GitHub faults from the shared plan, as the real Octokit sees them", () => {
  it("403 primary (injected): onRateLimit fires, the throttling plugin retries after the real reset", () =>
    withPlan(
      { faults: [{ route: "github:events", nth: [1], kind: "status", status: 403, limit: "primary", retryAfter: 0 }] },
      async (sim) => {
        const { octokit, calls } = client(sim, GITHUB_TOKEN, { retryPrimary: true });
        const res = await octokit.request(EVENTS, { username: "bob" });
        expect(res.status).toBe(200);
        expect(calls.primary).toHaveLength(1);
        expect(statuses(sim, "github:events")).toEqual([403, 200]);
      },
    ));

  it("429 secondary (injected): onSecondaryRateLimit gets retry-after, retried once", () =>
    withPlan(
      {
        faults: [{ route: "github:events", nth: [1], kind: "status", status: 429, limit: "secondary", retryAfter: 2 }],
      },
      async (sim) => {
        const { octokit, calls } = client(sim, GITHUB_TOKEN, { retrySecondary: true });
        expect((await octokit.request(EVENTS, { username: "bob" })).status).toBe(200);
        expect(calls.secondary).toEqual([2]);
        expect(statuses(sim, "github:events")).toEqual([429, 200]);
      },
    ));

  it("403 secondary not retried when the callback says no", () =>
    withPlan(
      { faults: [{ route: "github:events", kind: "status", status: 403, limit: "secondary", retryAfter: 30 }] },
      async (sim) => {
        const { octokit, calls } = client(sim, GITHUB_TOKEN);
        const err = (await octokit.request(EVENTS, { username: "bob" }).catch((e: unknown) => e)) as RequestError;
        expect(err.status).toBe(403);
        expect(err.message).toMatch(/secondary rate limit/);
        expect(calls.secondary).toEqual([30]);
      },
    ));

  it("5xx: plugin-retry retries until success", () =>
    withPlan({ faults: [{ route: "github:repo", nth: [1, 2], kind: "status", status: 502 }] }, async (sim) => {
      const { octokit } = client(sim, GITHUB_TOKEN);
      const res = await octokit.request("GET /repos/{owner}/{repo}", { owner: "skills", repo: "github-pages" });
      expect(res.status).toBe(200);
      expect(statuses(sim, "github:repo")).toEqual([502, 502, 200]);
    }));

  it("404 and 422 are not retried", () =>
    withPlan(
      {
        faults: [
          { route: "github:repo", nth: [1], kind: "status", status: 404 },
          { route: "github:forks", nth: [1], kind: "status", status: 422 },
        ],
      },
      async (sim) => {
        const { octokit } = client(sim, GITHUB_TOKEN);
        const a = (await octokit
          .request("GET /repos/{owner}/{repo}", { owner: "skills", repo: "github-pages" })
          .catch((e: unknown) => e)) as RequestError;
        expect([a.status, a.message]).toEqual([404, "Not Found - https://docs.github.com/rest"]);
        const b = (await octokit
          .request("GET /repos/{owner}/{repo}/forks", { owner: "skills", repo: "github-pages" })
          .catch((e: unknown) => e)) as RequestError;
        expect(b.status).toBe(422);
        expect(statuses(sim, "github:repo")).toEqual([404]);
        expect(statuses(sim, "github:forks")).toEqual([422]);
      },
    ));

  it("latency delays but completes", () =>
    withPlan({ faults: [{ route: "github:events", kind: "latency", ms: 30 }] }, async (sim) => {
      const res = await client(sim, GITHUB_TOKEN).octokit.request(EVENTS, { username: "bob" });
      expect(res.data.length).toBeGreaterThan(0);
      expect(sim.requests.at(-1)?.fault).toBe("latency");
    }));

  it("reset mid-body: Octokit swallows the body error (data ''), a plain fetch of a download rejects", () =>
    withPlan(
      {
        faults: [
          { route: "github:events", nth: [1], kind: "reset", afterBytes: 100 },
          { route: "github:download", nth: [1], kind: "reset", afterBytes: 10 },
        ],
      },
      async (sim) => {
        const res = await client(sim, GITHUB_TOKEN).octokit.request(EVENTS, { username: "bob" });
        expect(res.status).toBe(200);
        expect(res.data as unknown).toBe("");
        const { octokit } = client(sim, COPILOT_TOKEN);
        const link = (await octokit.request(USERS, { org: "ace-org", day: "2026-11-20" })).data.download_links[0] ?? "";
        await expect(fetch(link).then((r) => r.text())).rejects.toThrow();
      },
    ));

  it("truncated body and non-JSON body reach the caller as strings; a 502 HTML page is retried", () =>
    withPlan(
      {
        faults: [
          { route: "github:events", nth: [1], kind: "truncate", afterBytes: 50 },
          { route: "github:events", nth: [2], kind: "non-json" },
          { route: "github:repo", nth: [1], kind: "non-json", status: 502 },
        ],
      },
      async (sim) => {
        const { octokit } = client(sim, GITHUB_TOKEN);
        const cut = await octokit.request(EVENTS, { username: "bob" });
        expect(typeof cut.data).toBe("string");
        expect((cut.data as unknown as string).length).toBe(50);
        const html = await octokit.request(EVENTS, { username: "bob" });
        expect(html.data as unknown).toMatch(/Unicorn!/);
        const repo = await octokit.request("GET /repos/{owner}/{repo}", { owner: "skills", repo: "github-pages" });
        expect(repo.status).toBe(200);
        expect(statuses(sim, "github:repo")).toEqual([502, 200]);
      },
    ));

  it("expired-link on the report route hands out links that the download origin refuses", () =>
    withPlan({ faults: [{ route: "github:copilot-report", nth: [1], kind: "expired-link" }] }, async (sim) => {
      const { octokit } = client(sim, COPILOT_TOKEN);
      const stale = (await octokit.request(USERS, { org: "ace-org", day: "2026-11-20" })).data.download_links[0] ?? "";
      const refused = await fetch(stale);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain("<Code>AccessDenied</Code>");
      const fresh = (await octokit.request(USERS, { org: "ace-org", day: "2026-11-20" })).data.download_links[0] ?? "";
      expect((await fetch(fresh)).status).toBe(200);
    }));

  it("accepts an injector shared with the Kusto simulator (per-route counts are shared)", async () => {
    const shared = createFaultInjector({ faults: [{ route: "github:repo", nth: [2], kind: "status", status: 404 }] });
    const sim = await startFixtureSim({ faults: shared });
    const { octokit } = client(sim, GITHUB_TOKEN);
    const get = () => octokit.request("GET /repos/{owner}/{repo}", { owner: "skills", repo: "github-pages" });
    expect((await get()).status).toBe(200);
    await expect(get()).rejects.toMatchObject({ status: 404 });
    expect(shared.counts().get("github:repo")).toBe(2);
    await sim.close();
  });

  it("empty: a listing with no items", () =>
    withPlan({ faults: [{ route: "github:events", nth: [1], kind: "empty" }] }, async (sim) => {
      const res = await client(sim, GITHUB_TOKEN).octokit.request(EVENTS, { username: "alice" });
      expect(res.data).toEqual([]);
      expect(res.headers.link).toBeUndefined();
    }));
});
