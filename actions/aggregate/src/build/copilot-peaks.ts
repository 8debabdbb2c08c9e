/**
 * Copilot series at the grain that adapts to k (issue 17): day → ISO week → month → fiscal quarter, the finest whose
 * cells are at most 10% suppressed. A period's cell is the most users on one of its complete days whose row is
 * published: that maximum is itself a published daily count when it is 5 or more (a day with 5+ users of a feature has
 * 5+ active users, so it is not hidden), and it is suppressed otherwise — it never reveals a hidden day.
 */

import { ACTIVE_FIELDS, type CopilotPeaks, FEATURE_FIELDS, PEAK_GRAINS } from "#core/aggregated/grain.ts";
import { type Cell, EMPTY, SUPPRESSED, suppress } from "#core/suppress.ts";
import { MAX_SUPPRESSED_SHARE } from "../grain.ts";
import { groupBy, isoWeek, quarterOfMonth } from "../periods.ts";

export interface PeakDay {
  readonly day: string;
  readonly complete: boolean;
  /** the day's row is hidden whole (1–4 active users) */
  readonly hidden: boolean;
  readonly values: Readonly<Record<string, number | null>>;
}

type Grain = (typeof PEAK_GRAINS)[number];

const periodOf: Record<Grain, (day: string) => string> = {
  day: (d) => d,
  week: isoWeek,
  month: (d) => d.slice(0, 7),
  quarter: (d) => quarterOfMonth(d.slice(0, 7)),
};

function peak(days: readonly PeakDay[], field: string): Cell {
  const complete = days.filter((d) => d.complete);
  if (complete.length === 0) return EMPTY;
  const shown = complete.filter((d) => !d.hidden);
  const vals = shown.map((d) => d.values[field]).filter((v): v is number => typeof v === "number");
  if (vals.length === 0) return shown.length < complete.length ? SUPPRESSED : EMPTY;
  return suppress(Math.max(...vals));
}

function series<F extends string>(days: readonly PeakDay[], fields: readonly F[], grain: Grain) {
  return [...groupBy(days, (d) => periodOf[grain](d.day))]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([period, list]) => ({
      period,
      days_complete: list.filter((d) => d.complete).length,
      ...(Object.fromEntries(fields.map((f) => [f, peak(list, f)])) as Record<F, Cell>),
    }));
}

/** The finest grain at which at most 10% of the series' cells are suppressed (else the coarsest). */
export function adaptiveSeries<F extends string>(days: readonly PeakDay[], fields: readonly F[]) {
  let last: { grain: Grain; rows: ReturnType<typeof series<F>> } | undefined;
  for (const grain of PEAK_GRAINS) {
    const rows = series(days, fields, grain);
    last = { grain, rows };
    const cells = rows.flatMap((r) => fields.map((f) => r[f]));
    const hidden = cells.filter((c) => c.suppressed).length;
    if (hidden <= MAX_SUPPRESSED_SHARE * cells.length) return last;
  }
  return last ?? { grain: "quarter" as const, rows: [] };
}

export function copilotPeaks(days: readonly PeakDay[]): CopilotPeaks {
  return { active: adaptiveSeries(days, ACTIVE_FIELDS), features: adaptiveSeries(days, FEATURE_FIELDS) };
}
