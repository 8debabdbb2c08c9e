/**
 * Test kit: the REAL Octokit stack (core + throttling + retry + paginate) pointed at a simulator. The only options
 * set are public plugin options that make waits short: `retryAfterBaseValue: 1` (a "second" of retry-after becomes
 * 1 ms) and throttling write/search/notification groups without the 1–3 s spacing Octokit imposes by default.
 */
import { randomUUID } from "node:crypto";
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck";
import { afterAll, beforeAll, expect } from "vitest";
import { start } from "../../../sim/github/server.ts";
import { defaultToken, type GitHubSim, type StartOptions } from "../../../sim/github/types.ts";
import { createFixture } from "./fixture.ts";

export const SimOctokit = Octokit.plugin(throttling, retry, paginateRest);
export type SimOctokitInstance = InstanceType<typeof SimOctokit>;

export const GITHUB_TOKEN = defaultToken("github");
export const COPILOT_TOKEN = defaultToken("copilot");
export const PAT = defaultToken("pat");

export interface LimitCalls {
  /** retryAfter seconds of each onRateLimit call */
  readonly primary: number[];
  /** retryAfter seconds of each onSecondaryRateLimit call */
  readonly secondary: number[];
}

export interface ClientOptions {
  /** return true from onRateLimit on the first call (retry once) */
  readonly retryPrimary?: boolean;
  /** return true from onSecondaryRateLimit on the first call (retry once) */
  readonly retrySecondary?: boolean;
}

export function client(
  sim: GitHubSim,
  token: string | undefined,
  opts: ClientOptions = {},
): { octokit: SimOctokitInstance; calls: LimitCalls } {
  const calls: LimitCalls = { primary: [], secondary: [] };
  const fast = (): Bottleneck.Group => new Bottleneck.Group({ maxConcurrent: 10, minTime: 0 });
  const octokit = new SimOctokit({
    baseUrl: sim.url,
    ...(token === undefined ? {} : { auth: token }),
    throttle: {
      id: randomUUID(),
      retryAfterBaseValue: 1,
      write: fast(),
      search: fast(),
      notifications: fast(),
      onRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) => {
        calls.primary.push(retryAfter);
        return opts.retryPrimary === true && retryCount === 0;
      },
      onSecondaryRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) => {
        calls.secondary.push(retryAfter);
        return opts.retrySecondary === true && retryCount === 0;
      },
    },
    retry: { retryAfterBaseValue: 1 },
  });
  return { octokit, calls };
}

/** Starts a validating simulator on the hand-made fixture. */
export function startFixtureSim(extra: Partial<StartOptions> = {}): Promise<GitHubSim> {
  return start({ world: createFixture(), validate: true, ...extra });
}

/**
 * A validating fixture simulator for the whole test file: started before the first test, closed after the last, and
 * the file fails if any request or response broke the OpenAPI description on the way.
 */
export function useFixtureSim(extra: Partial<StartOptions> = {}): { readonly sim: GitHubSim } {
  let current: GitHubSim | undefined;
  beforeAll(async () => {
    current = await startFixtureSim(extra);
  });
  afterAll(async () => {
    expect(current?.validationErrors ?? []).toEqual([]);
    await current?.close();
  });
  return {
    get sim(): GitHubSim {
      if (current === undefined) throw new Error("the fixture simulator starts in beforeAll; use it inside a test");
      return current;
    },
  };
}

/** The status of a rejected Octokit call (or of the resolved response). */
export async function statusOf(p: Promise<{ status: number }>): Promise<number> {
  try {
    return (await p).status;
  } catch (e) {
    if (e !== null && typeof e === "object" && "status" in e && typeof e.status === "number") return e.status;
    throw e;
  }
}
