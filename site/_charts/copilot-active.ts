import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { fmtNumber } from "../_lib/html.ts";
import { lineSpec } from "../_lib/specs.ts";

/** Copilot daily active and engaged users; days whose report is not ready are marked, not zeroed. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.copilot.days.flatMap((d) => {
    const nr = d.status === "not_ready";
    return [
      { day: d.day, measure: "daily active", users: val(d.daily_active_users), note: noteOf(d.daily_active_users, nr) },
      { day: d.day, measure: "engaged", users: val(d.engaged_users), note: noteOf(d.engaged_users, nr) },
    ];
  });
  const columns = [
    { key: "day", label: "Day" },
    { key: "measure", label: "Measure" },
    { key: "users", label: "Users", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const daily = rows.filter((r) => r.measure === "daily active");
  const notReady = daily.filter((r) => r.note === "not ready").length;
  const last = daily.findLast((r) => r.users !== null);
  const dau = last?.users ?? null;
  return {
    id: "copilot-active",
    title: "Copilot daily active and engaged users",
    takeaway:
      (dau !== null && last
        ? `${fmtNumber(dau)} people used Copilot on ${last.day}, the latest day published`
        : "Daily users are not available") + (notReady > 0 ? `; ${notReady} recent day(s) are not reported yet.` : "."),
    description:
      "Line chart of Copilot daily active users and engaged users per day; ticks along the top mark days whose report is not ready or whose value is suppressed.",
    columns,
    rows,
    spec: lineSpec({
      x: { field: "day", title: "Day", type: "temporal" },
      y: { field: "users", title: "Users" },
      color: { field: "measure", title: "Measure" },
      columns,
      points: agg.copilot.days.length <= 60,
    }),
    sources: sourcesOf(agg.copilot),
  };
}
