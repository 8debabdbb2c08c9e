/**
 * The rate budget of one run: reads `x-ratelimit-*` from every response and tells the sync to stop starting new
 * work once the remaining requests reach the reserve, or when the run's time budget is spent.
 */
export interface BudgetOptions {
  /** requests to keep in reserve (default 100) */
  readonly reserve: number;
  /** wall-clock budget of the run in ms (primary-limit waits are only allowed within it) */
  readonly timeBudgetMs: number;
  readonly clock?: () => number;
}

export class RateBudget {
  readonly reserve: number;
  readonly deadline: number;
  readonly #clock: () => number;
  /** remaining core requests as last reported (undefined before the first response) */
  remaining: number | undefined;
  resetAt: number | undefined;
  requests = 0;
  notModified = 0;

  constructor(opts: BudgetOptions) {
    this.reserve = opts.reserve;
    this.#clock = opts.clock ?? Date.now;
    this.deadline = this.#clock() + opts.timeBudgetMs;
  }

  observe(status: number, headers: Readonly<Record<string, string | number | undefined>>): void {
    this.requests++;
    if (status === 304) this.notModified++;
    const resource = headers["x-ratelimit-resource"];
    if (resource !== undefined && resource !== "core") return;
    const remaining = Number(headers["x-ratelimit-remaining"]);
    if (Number.isFinite(remaining)) this.remaining = remaining;
    const reset = Number(headers["x-ratelimit-reset"]);
    if (Number.isFinite(reset)) this.resetAt = reset * 1000;
  }

  /** True when no new unit of work should start. */
  exhausted(): boolean {
    return (this.remaining !== undefined && this.remaining <= this.reserve) || this.#clock() >= this.deadline;
  }

  /** Whether waiting `ms` still fits in the run's time budget. */
  canWait(ms: number): boolean {
    return this.#clock() + ms < this.deadline;
  }
}
