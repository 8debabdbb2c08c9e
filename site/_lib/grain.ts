/**
 * Grain that adapts to k (issue 17) for the Copilot series: the aggregation publishes each series at the finest period
 * whose cells clear the small-cell rule (`copilot.peaks`, actions/aggregate/src/build/copilot-peaks.ts). Words and
 * partial-period labels for those periods.
 */
import type { Agg } from "./agg.ts";
import { isPartial, partialLabel } from "./periods.ts";

export type PeakGrain = NonNullable<Agg["copilot"]["peaks"]>["active"]["grain"];

export const GRAIN_NOUN: Readonly<Record<PeakGrain, string>> = {
  day: "day",
  week: "week",
  month: "month",
  quarter: "fiscal quarter",
};

export const GRAIN_TITLE: Readonly<Record<PeakGrain, string>> = {
  day: "Day",
  week: "Week",
  month: "Month",
  quarter: "Fiscal quarter",
};

/** A period label, "(partial)" when the period is not over (a day is never partial). */
export function periodLabel(period: string, grain: PeakGrain, asOf: string): string {
  return grain === "day" ? period : partialLabel(period, isPartial(period, asOf));
}
