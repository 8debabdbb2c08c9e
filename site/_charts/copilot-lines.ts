import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { MONTH, NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { barSpec } from "../_lib/specs.ts";

/** Lines of code suggested vs added, per month. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.copilot.months.flatMap((m) => {
    const month = partialLabel(m.month, isPartial(m.month, agg.copilot.as_of));
    return [
      { month, measure: "suggested", lines: val(m.loc_suggested), note: noteOf(m.loc_suggested) },
      { month, measure: "added", lines: val(m.loc_added), note: noteOf(m.loc_added) },
    ];
  });
  const complete = [...new Set(rows.map((r) => r.month))].filter((m) => !m.endsWith("(partial)"));
  const pick = (m: string, measure: string) => rows.find((r) => r.month === m && r.measure === measure)?.lines ?? null;
  const month = complete.findLast((m) => pick(m, "suggested") !== null && pick(m, "added") !== null);
  const sug = month ? pick(month, "suggested") : null;
  const add = month ? pick(month, "added") : null;
  const columns = [
    MONTH,
    { key: "measure", label: "Lines" },
    { key: "lines", label: "Lines of code", format: "int" },
    NOTE,
  ] as const;
  return {
    id: "copilot-lines",
    title: "Lines of code suggested and added, per month",
    takeaway:
      month && sug !== null && add !== null && sug > 0
        ? `In ${month}, the last complete month, people added ${fmtNumber(add)} of the ${fmtNumber(sug)} lines Copilot suggested (${Math.round((add / sug) * 100)}%).`
        : "No complete month has both line counts published.",
    description: "Grouped bar chart per month: lines of code Copilot suggested and lines actually added.",
    columns,
    rows,
    spec: barSpec({ band: "month", value: "lines", color: "measure", stack: false, columns, height: 200 }),
    sources: sourcesOf(agg.copilot),
  };
}
