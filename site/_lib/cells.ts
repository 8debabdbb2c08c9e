/** Reading aggregated cells: a value, or the reason it is missing (suppressed / not ready / not applicable). */
import type { Cell } from "#core/aggregated/schemas.ts";
import type { Note } from "./chart.ts";
import { fmtNumber, fmtPercent } from "./html.ts";

export type { Cell };

export function val(c: Cell): number | null {
  return c.suppressed ? null : c.value;
}

export function noteOf(c: Cell, notReady = false): Note {
  if (c.suppressed) return "suppressed";
  if (notReady && c.value === null) return "not ready";
  return "";
}

/** Note for a row plotting several cells: suppressed wins over not ready. */
export function noteOfAll(cells: readonly Cell[], notReady = false): Note {
  if (cells.some((c) => c.suppressed)) return "suppressed";
  if (notReady) return "not ready";
  return "";
}

/** Human text of a cell for tables and KPI cards. */
export function show(c: Cell, unit: "int" | "pct" | "dec1" | "days" = "int", notReady = false): string {
  if (c.suppressed) return "suppressed";
  if (c.value === null) return notReady ? "not ready" : "n/a";
  if (unit === "pct") return fmtPercent(c.value);
  if (unit === "dec1") return fmtNumber(c.value, 1);
  if (unit === "days") return `${fmtNumber(c.value)} d`;
  return fmtNumber(c.value);
}

/** The share of plotting rows issue 17 allows to be suppressed: a chart above it must use a coarser grain. */
export const MAX_SUPPRESSED_SHARE = 0.1;

export function suppressedShare(rows: readonly { readonly note: string }[]): number {
  return rows.length === 0 ? 0 : rows.filter((r) => r.note === "suppressed").length / rows.length;
}

/**
 * Grain that adapts to k: the first (finest) candidate whose plotted rows clear the suppression rule (at most 10%
 * suppressed), else the last (coarsest) one.
 */
export function finestGrain<T extends { readonly rows: readonly { readonly note: string }[] }>(
  candidates: readonly [T, ...T[]],
): T {
  return (
    candidates.find((c) => suppressedShare(c.rows) <= MAX_SUPPRESSED_SHARE) ??
    candidates[candidates.length - 1] ??
    candidates[0]
  );
}
