import { ACTIVE_FIELDS } from "#core/aggregated/grain.ts";
import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
import { GRAIN_NOUN, GRAIN_TITLE, peakPoints } from "../_lib/grain.ts";
import { fmtNumber } from "../_lib/html.ts";
import { lineSpec } from "../_lib/specs.ts";

/**
 * Copilot active and engaged users, at the grain the aggregation chose (`copilot.peaks.active`): per day when daily
 * counts clear the small-cell rule, else the most users on one day of each week / month / quarter. Days whose report
 * is not ready are marked, not zeroed.
 */
export default function chart(agg: Agg): ChartDef {
  const LABEL = { daily_active_users: "daily active", engaged_users: "engaged" } as const;
  const { grain, periods, points } = peakPoints(agg, agg.copilot.peaks?.active, ACTIVE_FIELDS);
  const rows = points.map((p) => ({ period: p.period, measure: LABEL[p.field], users: p.users, note: p.note }));
  const daily = grain === "day";
  const noun = GRAIN_NOUN[grain];
  const columns = [
    { key: "period", label: GRAIN_TITLE[grain] },
    { key: "measure", label: "Measure" },
    { key: "users", label: daily ? "Users" : "Most users on one day", format: "int" },
    NOTE,
  ] as const;
  const active = rows.filter((r) => r.measure === "daily active");
  const notReady = active.filter((r) => r.note === "not ready").length;
  const last = active.findLast((r) => r.users !== null);
  const lead = last
    ? daily
      ? `${fmtNumber(last.users ?? 0)} people used Copilot on ${last.period}, the latest day published`
      : `At most ${fmtNumber(last.users ?? 0)} people used Copilot on one day of ${last.period}, the latest ${noun} published`
    : "Daily users are not available";
  return {
    id: "copilot-active",
    title: daily
      ? "Copilot daily active and engaged users"
      : `Copilot active and engaged users: the most on one day, per ${noun}`,
    takeaway: lead + (notReady > 0 ? `; ${notReady} recent ${noun}(s) are not reported yet.` : "."),
    description: daily
      ? "Line chart of Copilot daily active users and engaged users per day; ticks along the top mark days whose report is not ready or whose value is suppressed."
      : `Line chart of the most Copilot active users and engaged users on one day, per ${noun}: daily counts are too often under 5 people (weekends) to chart day by day. A short dashed mark on the baseline shows a ${noun} whose report is not ready or whose value is suppressed.`,
    columns,
    rows,
    spec: lineSpec({
      x: daily ? { field: "period", title: "Day", type: "temporal" } : { field: "period", title: GRAIN_TITLE[grain] },
      y: { field: "users", title: daily ? "Users" : "Most users on one day" },
      color: "measure",
      columns,
      points: periods <= 60,
    }),
    sources: sourcesOf(agg.copilot),
  };
}
