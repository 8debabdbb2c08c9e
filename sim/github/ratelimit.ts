/**
 * Per-token rate limits as GitHub applies them: a primary budget per resource (`core`, `search`, `graphql`) with a
 * fixed window whose reset is in REAL epoch seconds (Octokit's throttling waits on the real clock), and a
 * secondary limit (requests per real minute per token).
 */
import type { Budgets, TokenKind } from "./types.ts";

export type Resource = "core" | "search" | "graphql";

interface Bucket {
  limit: number;
  used: number;
  resetAt: number;
}

export interface LimitState {
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  /** real epoch seconds */
  readonly reset: number;
  readonly resource: Resource;
}

export type Verdict =
  | { readonly ok: true; readonly state: LimitState }
  | { readonly ok: false; readonly kind: "primary"; readonly state: LimitState }
  | { readonly ok: false; readonly kind: "secondary"; readonly state: LimitState; readonly retryAfter: number };

export function limitHeaders(s: LimitState): Record<string, string> {
  return {
    "x-ratelimit-limit": String(s.limit),
    "x-ratelimit-remaining": String(s.remaining),
    "x-ratelimit-used": String(s.used),
    "x-ratelimit-reset": String(s.reset),
    "x-ratelimit-resource": s.resource,
  };
}

export class RateLimiter {
  readonly #budgets: Budgets;
  readonly #buckets = new Map<string, Bucket>();
  readonly #minute = new Map<string, { start: number; count: number }>();
  readonly #clock: () => number;

  constructor(budgets: Budgets = {}, clock: () => number = Date.now) {
    this.#budgets = budgets;
    this.#clock = clock;
  }

  #limitOf(kind: TokenKind, resource: Resource): number {
    const b = this.#budgets;
    if (resource === "search") return kind === "anonymous" ? Math.min(10, b.search ?? 10) : (b.search ?? 30);
    if (kind === "github") return b.github ?? 1000;
    if (kind === "copilot") return b.copilot ?? 5000;
    if (kind === "pat") return b.pat ?? 5000;
    return b.anonymous ?? 60;
  }

  #bucket(identity: string, kind: TokenKind, resource: Resource): Bucket {
    const key = `${identity}|${resource}`;
    const now = this.#clock();
    let b = this.#buckets.get(key);
    if (b === undefined || now >= b.resetAt) {
      const windowMs =
        resource === "search" ? (this.#budgets.searchWindowMs ?? 60_000) : (this.#budgets.windowMs ?? 3_600_000);
      b = { limit: this.#limitOf(kind, resource), used: 0, resetAt: now + windowMs };
      this.#buckets.set(key, b);
    }
    return b;
  }

  #state(b: Bucket, resource: Resource): LimitState {
    return {
      limit: b.limit,
      used: b.used,
      remaining: Math.max(0, b.limit - b.used),
      reset: Math.ceil(b.resetAt / 1000),
      resource,
    };
  }

  /** Checks a request without charging it; the caller charges with {@link charge} once the answer is known. */
  check(identity: string, kind: TokenKind, resource: Resource): Verdict {
    const b = this.#bucket(identity, kind, resource);
    if (b.used >= b.limit) return { ok: false, kind: "primary", state: this.#state(b, resource) };
    const perMinute = this.#budgets.secondaryPerMinute ?? 900;
    const now = this.#clock();
    let m = this.#minute.get(identity);
    if (m === undefined || now - m.start >= 60_000) {
      m = { start: now, count: 0 };
      this.#minute.set(identity, m);
    }
    m.count++;
    if (m.count > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((m.start + 60_000 - now) / 1000));
      return { ok: false, kind: "secondary", state: this.#state(b, resource), retryAfter };
    }
    return { ok: true, state: this.#state(b, resource) };
  }

  /** Counts one request against the primary budget and returns the headers' state after it. */
  charge(identity: string, kind: TokenKind, resource: Resource): LimitState {
    const b = this.#bucket(identity, kind, resource);
    b.used = Math.min(b.limit, b.used + 1);
    return this.#state(b, resource);
  }

  /** Current state without charging (for 304 answers, which cost nothing when authorized). */
  peek(identity: string, kind: TokenKind, resource: Resource): LimitState {
    return this.#state(this.#bucket(identity, kind, resource), resource);
  }
}
