/**
 * Partial periods: the fiscal year, quarter, month or ISO week that contains the aggregates' `as_of` is not over
 * yet. Charts draw it lighter and label it "(partial)"; headline comparisons use only complete periods.
 */
import { fiscalQuarter, fiscalYear } from "#core/fiscal.ts";

export const PARTIAL_SUFFIX = " (partial)";

export function partialLabel(label: string, partial: boolean): string {
  return partial ? `${label}${PARTIAL_SUFFIX}` : label;
}

/** ISO week label of a date, e.g. "2026-W48". */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Whether `period` ("FY27", "FY27-Q2", "2026-11", "2026-W48") contains `asOf`, i.e. is not complete yet. */
export function isPartial(period: string, asOf: string): boolean {
  const d = new Date(asOf);
  if (/^FY\d{2}$/.test(period)) return period === fiscalYear(d);
  if (/^FY\d{2}-Q\d$/.test(period)) return period === fiscalQuarter(d);
  if (/^\d{4}-\d{2}$/.test(period)) return period === asOf.slice(0, 7);
  if (/^\d{4}-W\d{2}$/.test(period)) return period === isoWeek(d);
  return false;
}
