import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
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
    NOTE,
  ] as const;
  const shown = rows.filter((r) => r.exams !== null);
  const scored = shown.reduce((s, r) => s + (r.exams ?? 0), 0);
  const top = [...shown].sort((a, b) => (b.exams ?? 0) - (a.exams ?? 0))[0];
  return {
    id: "score-distribution",
    title: "Score distribution",
    takeaway: top
      ? `${fmtNumber(scored)} scored exams${shown.length < rows.length ? " in the score ranges shown" : ""}; the most common range is ${top.score} (${fmtNumber(top.exams ?? 0)}).`
      : "No scored exams can be shown.",
    description: "Histogram of exam scores of all scored exams, in score ranges.",
    columns,
    rows,
    spec: barSpec({
      band: { field: "score", title: "Score", type: "ordinal", sort: rows.map((r) => r.score) },
      value: "exams",
      columns,
      height: 200,
    }),
    sources: sourcesOf(agg.exams),
  };
}
