/**
 * Shared pieces of the GitHub conformance cases: the real client (Octokit with the project's plugins, fast timing on
 * loopback) pointed at a replay server, and the headers GitHub sends on every REST answer.
 */
import { RateBudget } from "../../actions/sync-github/src/budget.ts";
import { createClient, type GitHubClient } from "../../actions/sync-github/src/client.ts";
import { type Exchange, type ReplayServer, startReplay } from "./replay.ts";

/**
 * `x-ratelimit-*` as GitHub sends them on every REST answer
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit).
 */
export function rateHeaders(remaining = 4900, resource = "core"): Record<string, string> {
  return {
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-used": String(5000 - remaining),
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    "x-ratelimit-resource": resource,
  };
}

export interface Harness {
  readonly replay: ReplayServer;
  readonly client: GitHubClient;
  readonly budget: RateBudget;
  readonly logs: string[];
  /** requests the replay server saw on `pathname` (query ignored) */
  hits(pathname: string): number;
}

export async function harness(
  exchanges: readonly Exchange[],
  opts: { timeBudgetMs?: number; secondaryFallbackSeconds?: number } = {},
): Promise<Harness> {
  const replay = await startReplay(exchanges);
  const budget = new RateBudget({ reserve: 0, timeBudgetMs: opts.timeBudgetMs ?? 60_000 });
  const logs: string[] = [];
  const client = createClient({
    token: "conformance-token",
    baseUrl: replay.origin,
    budget,
    timing: "fast",
    retries: 0,
    log: (m) => logs.push(m),
    ...(opts.secondaryFallbackSeconds === undefined ? {} : { secondaryFallbackSeconds: opts.secondaryFallbackSeconds }),
  });
  return {
    replay,
    client,
    budget,
    logs,
    hits: (pathname) => replay.seen().filter((s) => s.path.split("?")[0] === pathname).length,
  };
}
