/**
 * Octokit for the GitHub sync: `@octokit/action` inside Actions (GITHUB_TOKEN), `@octokit/core` with a token
 * elsewhere; both with plugin-throttling (primary limits retried only when the reset fits the run's time budget,
 * secondary limits a bounded number of times, with or without `retry-after`: 60 s when absent), plugin-retry (5xx, 429) and pagination. Every response feeds the
 * run's RateBudget. The transport is injectable (`request.fetch`).
 */
import { Octokit as ActionOctokit } from "@octokit/action";
import { Octokit as CoreOctokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck";
import type { RateBudget } from "./budget.ts";
import { fastYields } from "./fast-yield.ts";

export const API_VERSION = "2026-03-10";

const CoreWithPlugins = CoreOctokit.plugin(throttling, retry, paginateRest);
const ActionWithPlugins = ActionOctokit.plugin(throttling, retry);

export type GitHubClient = InstanceType<typeof CoreWithPlugins>;

export interface ClientOptions {
  readonly token: string;
  readonly baseUrl: string;
  readonly budget: RateBudget;
  /** use @octokit/action (reads GITHUB_TOKEN itself); only for the repository token inside a workflow */
  readonly inActions?: boolean;
  /** how often a secondary rate limit is retried (default 2) */
  readonly secondaryRetries?: number;
  /**
   * seconds to back off from a secondary limit that came without `retry-after` (GitHub sends such 403s: the docs
   * say to wait at least a minute then; plugin-throttling's own default is 60)
   */
  readonly secondaryFallbackSeconds?: number;
  /** retries of 5xx/429 by plugin-retry (default 3) */
  readonly retries?: number;
  /** where rate-limit decisions are logged (default stderr) */
  readonly log?: (message: string) => void;
  readonly fetch?: typeof fetch;
  /**
   * "fast" (loopback tests and the demo only; against GitHub keep "real"): drops the 1–3 s spacing plugin-throttling
   * imposes on search/write requests and makes plugin-retry's 5xx back-off seconds milliseconds, through the plugins'
   * public options. Rate-limit resets and Retry-After are still honoured in real time.
   */
  readonly timing?: "real" | "fast";
}

function unspaced(): Record<string, Bottleneck.Group> {
  const group = () => new Bottleneck.Group({ maxConcurrent: 10, minTime: 0 });
  return { search: group(), write: group(), notifications: group() };
}

export function createClient(opts: ClientOptions): GitHubClient {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const secondaryRetries = opts.secondaryRetries ?? 2;
  const fast = opts.timing === "fast";
  if (fast) fastYields();
  const unit = fast ? 1 : 1000;
  const options = {
    baseUrl: opts.baseUrl,
    userAgent: "ace-data-site-sync",
    headers: { "x-github-api-version": API_VERSION },
    request: opts.fetch ? { fetch: opts.fetch } : {},
    retry: {
      doNotRetry: [304, 400, 401, 403, 404, 410, 422, 451],
      retries: opts.retries ?? 3,
      retryAfterBaseValue: unit,
    },
    throttle: {
      ...(fast ? unspaced() : {}),
      fallbackSecondaryRateRetryAfter: opts.secondaryFallbackSeconds ?? 60,
      onRateLimit: (retryAfter: number, o: { method: string; url: string }, _k: unknown, retryCount: number) => {
        const ok = retryCount < 1 && opts.budget.canWait(retryAfter * 1000);
        log(
          `primary rate limit on ${o.method} ${o.url}: ${ok ? `waiting ${retryAfter}s` : "reset is beyond this run's time budget, stopping"}`,
        );
        return ok;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        o: { method: string; url: string },
        _k: unknown,
        retryCount: number,
      ) => {
        const ok = retryCount < secondaryRetries && opts.budget.canWait(retryAfter * 1000);
        log(
          `secondary rate limit on ${o.method} ${o.url}: ${ok ? `retry ${retryCount + 1} after ${retryAfter}s` : "giving up"}`,
        );
        return ok;
      },
    },
  };
  const octokit: GitHubClient = opts.inActions
    ? (new ActionWithPlugins(options) as unknown as GitHubClient)
    : new CoreWithPlugins({ ...options, auth: opts.token });
  octokit.hook.after("request", (response) => {
    opts.budget.observe(response.status, response.headers as Record<string, string | undefined>);
  });
  octokit.hook.error("request", (error) => {
    const e = error as { status?: number; response?: { headers?: Record<string, string | undefined> } };
    if (e.status !== undefined) opts.budget.observe(e.status, e.response?.headers ?? {});
    throw error;
  });
  return octokit;
}

/** True for a primary rate-limit exhaustion (403/429 with x-ratelimit-remaining: 0). */
export function isPrimaryLimit(err: unknown): boolean {
  const e = err as { status?: number; response?: { headers?: Record<string, string | undefined> } };
  return (e.status === 403 || e.status === 429) && e.response?.headers?.["x-ratelimit-remaining"] === "0";
}

/** True for a secondary rate limit (403/429 with retry-after, or its message, while primary requests remain). */
export function isSecondaryLimit(err: unknown): boolean {
  const e = err as { status?: number; message?: unknown; response?: { headers?: Record<string, string | undefined> } };
  if ((e.status !== 403 && e.status !== 429) || isPrimaryLimit(err)) return false;
  return e.response?.headers?.["retry-after"] !== undefined || /secondary rate limit/i.test(String(e.message ?? ""));
}

/** Status of a RequestError-like value, or undefined. */
export function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown }).status;
  return typeof s === "number" ? s : undefined;
}
