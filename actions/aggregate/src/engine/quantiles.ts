/**
 * Exact order statistics from a histogram (value → how many), as DuckDB computes them: KQL's percentile() is an
 * estimate, so the Kusto engine asks for the per-value counts and finishes here.
 *  - median: DuckDB's median() is quantile_cont(0.5): the middle value, or the mean of the two middle values when the
 *    count is even;
 *  - quantile_disc(q): the value at 0-based position ceil(n·q) − 1 of the sorted values (at least 0).
 * Both checked against DuckDB itself in test/actions/aggregate/quantiles.test.ts.
 */

export interface Bin {
  readonly value: number;
  readonly count: number;
}

/** The value at 0-based position `k` of the sorted multiset the bins describe. */
function nth(sorted: readonly Bin[], k: number): number {
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (k < seen) return b.value;
  }
  throw new Error(`position ${k} beyond ${seen} values`);
}

function sortedBins(bins: readonly Bin[]): Bin[] {
  return [...bins].filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
}

export function total(bins: readonly Bin[]): number {
  return bins.reduce((n, b) => n + b.count, 0);
}

/** DuckDB's median(); null for no values. */
export function median(bins: readonly Bin[]): number | null {
  const sorted = sortedBins(bins);
  const n = total(sorted);
  if (n === 0) return null;
  if (n % 2 === 1) return nth(sorted, (n - 1) / 2);
  const lo = nth(sorted, n / 2 - 1);
  const hi = nth(sorted, n / 2);
  return lo + (hi - lo) / 2;
}

/** DuckDB's quantile_disc(x, q); null for no values. */
export function quantileDisc(bins: readonly Bin[], q: number): number | null {
  const sorted = sortedBins(bins);
  const n = total(sorted);
  if (n === 0) return null;
  return nth(sorted, Math.max(0, Math.ceil(n * q) - 1));
}
