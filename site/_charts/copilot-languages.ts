import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
import { barSpec } from "../_lib/specs.ts";

/** Code generations by language (top N plus "other"). */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.copilot.languages.totals.map((l) => ({
    language: l.language,
    code_generations: val(l.code_generations),
    acceptance_rate: val(l.acceptance_rate),
    max_daily_users: val(l.max_daily_users),
    note: noteOf(l.code_generations),
  }));
  const columns = [
    { key: "language", label: "Language" },
    { key: "code_generations", label: "Code generations", format: "int" },
    { key: "acceptance_rate", label: "Acceptance rate", format: "pct" },
    { key: "max_daily_users", label: "Most users on one day", format: "int" },
    NOTE,
  ] as const;
  const top = [...rows]
    .filter((r) => r.language !== "other")
    .sort((a, b) => (b.code_generations ?? 0) - (a.code_generations ?? 0))[0];
  return {
    id: "copilot-languages",
    // grain adapts to k (aggregation): languages that never reached 5 users on a day are folded into "other"
    title: `Code generations by language (the ${rows.filter((r) => r.language !== "other").length} languages with 5 or more users on some day, up to ${agg.copilot.languages.top_n}, plus other)`,
    takeaway: top ? `${top.language} gets the most Copilot code generations.` : "No language data yet.",
    description:
      "Horizontal bar chart of Copilot code generations per programming language, the top languages plus other.",
    columns,
    rows,
    spec: barSpec({
      band: { field: "language", title: "Language", sort: rows.map((r) => r.language) },
      value: "code_generations",
      columns,
      horizontal: true,
      height: 200,
    }),
    sources: sourcesOf(agg.copilot),
  };
}
