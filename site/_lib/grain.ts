/**
 * Grain that adapts to k (issue 17) for the Copilot series: the aggregation publishes each series at the finest period
 * whose cells clear the small-cell rule (`copilot.peaks`, actions/aggregate/src/build/copilot-peaks.ts). Words and
 * partial-period labels for those periods.
 */
import type { Agg } from "./agg.ts";
import { type Cell, noteOf, val } from "./cells.ts";
import type { Note } from "./chart.ts";
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

type Day = Agg["copilot"]["days"][number];
/** The fields of a Copilot day that are published cells. */
type DayCell = { [K in keyof Day]-?: Day[K] extends Cell ? K : never }[keyof Day] & string;
type PeakRow<F extends string> = { readonly period: string; readonly days_complete: number } & Readonly<
  Record<F, Cell>
>;

/**
 * One point per period and field of a Copilot series, at the grain the aggregation chose (`copilot.peaks`), or per
 * day from `copilot.days` when the aggregates carry no peaks. A period without a ready day is "not ready".
 */
export function peakPoints<F extends DayCell>(
  agg: Agg,
  peaks: { readonly grain: PeakGrain; readonly rows: readonly PeakRow<F>[] } | undefined,
  fields: readonly F[],
): { grain: PeakGrain; periods: number; points: { period: string; field: F; users: number | null; note: Note }[] } {
  const grain: PeakGrain = peaks?.grain ?? "day";
  const src: readonly { period: string; notReady: boolean; cell: (f: F) => Cell }[] = peaks
    ? peaks.rows.map((r) => ({ period: r.period, notReady: r.days_complete === 0, cell: (f: F) => r[f] }))
    : agg.copilot.days.map((d) => ({ period: d.day, notReady: d.status !== "complete", cell: (f: F) => d[f] }));
  const points = src.flatMap((s) => {
    const period = periodLabel(s.period, grain, agg.copilot.as_of);
    return fields.map((field) => ({
      period,
      field,
      users: val(s.cell(field)),
      note: noteOf(s.cell(field), s.notReady),
    }));
  });
  return { grain, periods: src.length, points };
}
