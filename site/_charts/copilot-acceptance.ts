import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
import { lineSpec } from "../_lib/specs.ts";

/** Weekly acceptance rate of Copilot code suggestions. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.copilot.weeks.map((w) => ({
    week: w.week,
    acceptance_rate: val(w.acceptance_rate),
    code_generations: val(w.code_generations),
    code_acceptances: val(w.code_acceptances),
    days_not_ready: w.days_not_ready,
    note: noteOf(w.acceptance_rate, w.days_complete === 0),
  }));
  const columns = [
    { key: "week", label: "ISO week" },
    { key: "acceptance_rate", label: "Acceptance rate", format: "pct" },
    { key: "code_generations", label: "Code generations", format: "int" },
    { key: "code_acceptances", label: "Code acceptances", format: "int" },
    { key: "days_not_ready", label: "Days not ready", format: "int" },
    NOTE,
  ] as const;
  const counted = rows.filter((r) => r.code_generations !== null && r.code_acceptances !== null);
  const gen = counted.reduce((s, r) => s + (r.code_generations ?? 0), 0);
  const acc = counted.reduce((s, r) => s + (r.code_acceptances ?? 0), 0);
  return {
    id: "copilot-acceptance",
    title: "Acceptance rate of code suggestions, per week",
    takeaway:
      gen > 0
        ? `Over the ${counted.length} weeks with published counts, ${((acc / gen) * 100).toFixed(1)}% of ${fmtNumber(gen)} code generations were accepted.`
        : "No code generations reported.",
    description: "Line chart of the weekly share of Copilot code generations that were accepted.",
    columns,
    rows,
    spec: lineSpec({ x: "week", y: { field: "acceptance_rate", title: "Acceptance rate", format: ".0%" }, columns }),
    sources: sourcesOf(agg.copilot),
  };
}
