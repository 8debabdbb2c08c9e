/** Exponential backoff with full jitter, bounded by attempts and by a total time budget; honours retry hints. */
import { RetriesExhaustedError, TransientError } from "./errors.ts";

export interface RetryPolicy {
  /** attempts per request, the first included */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** total time a run may spend waiting and retrying, shared by every request of the run */
  readonly budgetMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  budgetMs: 15 * 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  random: Math.random,
};

/** Retry state shared by every request of a run (the time budget is global). */
export class Retrier {
  readonly policy: RetryPolicy;
  readonly deadline: number;
  attempts = 0;
  retries = 0;
  constructor(policy: RetryPolicy) {
    this.policy = policy;
    this.deadline = policy.now() + policy.budgetMs;
  }

  /** Delay before retry number `n` (1-based): the hint when given, else base·2^(n-1) with full jitter. */
  delay(n: number, hintMs: number | undefined): number {
    const p = this.policy;
    if (hintMs !== undefined && hintMs >= 0) return Math.min(hintMs, p.maxDelayMs);
    const cap = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (n - 1));
    return Math.round(cap / 2 + (p.random() * cap) / 2);
  }

  async run<T>(what: string, fn: () => Promise<T>, onRetry?: (message: string) => void): Promise<T> {
    const p = this.policy;
    for (let attempt = 1; ; attempt++) {
      this.attempts++;
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof TransientError)) throw err;
        if (attempt >= p.maxAttempts) {
          throw new RetriesExhaustedError(`${what}: gave up after ${attempt} attempts: ${err.message}`);
        }
        const wait = this.delay(attempt, err.retryAfterMs);
        if (p.now() + wait > this.deadline) {
          throw new RetriesExhaustedError(
            `${what}: retry time budget of ${Math.round(p.budgetMs / 1000)} s exhausted after ${attempt} attempts: ${err.message}`,
          );
        }
        this.retries++;
        onRetry?.(`${what}: ${err.message}; retry ${attempt} in ${wait} ms`);
        await p.sleep(wait);
      }
    }
  }
}
