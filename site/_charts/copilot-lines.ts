import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { barSpec } from "../_lib/specs.ts";

/** Lines of code suggested vs added, per month. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.copilot.months.flatMap((m) => [
    { month: m.month, measure: "suggested", lines: val(m.loc_suggested), note: noteOf(m.loc_suggested) },
    { month: m.month, measure: "added", lines: val(m.loc_added), note: noteOf(m.loc_added) },
  ]);
  const columns = [
    { key: "month", label: "Month" },
    { key: "measure", label: "Lines" },
    { key: "lines", label: "Lines of code", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  return {
    id: "copilot-lines",
    title: "Lines of code suggested and added, per month",
    takeaway: "The gap between the bars is code Copilot suggested that people did not keep.",
    description: "Grouped bar chart per month: lines of code Copilot suggested and lines actually added.",
    columns,
    rows,
    spec: barSpec({
      band: { field: "month", title: "Month" },
      value: { field: "lines", title: "Lines of code" },
      color: { field: "measure", title: "Lines" },
      stack: false,
      columns,
      height: 200,
    }),
    sources: sourcesOf(agg.copilot),
  };
}
