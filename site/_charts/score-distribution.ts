import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { barSpec } from "../_lib/specs.ts";

/** Binned score distribution of all scored exams. */
export default function chart(agg: Agg): ChartDef {
  const all = agg.exams.score_distribution.find((r) => r.certification === "all");
  const rows = (all?.bins ?? []).map((b) => ({
    score: `${b.from}–${b.to}`,
    exams: val(b.exams),
    note: noteOf(b.exams),
  }));
  const columns = [
    { key: "score", label: "Score range" },
    { key: "exams", label: "Exams", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const scored = all ? val(all.scored) : null;
  return {
    id: "score-distribution",
    title: "Score distribution",
    takeaway: scored !== null ? `${scored.toLocaleString("en-US")} scored exams, binned by score.` : "No scored exams.",
    description: "Histogram of exam scores of all scored exams, in score ranges.",
    columns,
    rows,
    spec: barSpec({
      band: { field: "score", title: "Score", type: "ordinal", sort: null },
      value: { field: "exams", title: "Exams" },
      columns,
      height: 200,
    }),
    sources: sourcesOf(agg.exams),
  };
}
