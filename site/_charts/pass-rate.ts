import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { lineSpec } from "../_lib/specs.ts";

/** Pass rate per certification and fiscal year. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.exams.by_exam_year
    .filter((r) => r.fiscal_year !== "all")
    .map((r) => ({
      fiscal_year: r.fiscal_year,
      certification: r.certification,
      pass_rate: val(r.pass_rate),
      completed: val(r.completed),
      note: noteOf(r.pass_rate),
    }));
  const columns = [
    { key: "fiscal_year", label: "Fiscal year" },
    { key: "certification", label: "Certification" },
    { key: "pass_rate", label: "Pass rate", format: "pct" },
    { key: "completed", label: "Exams completed", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const overall = agg.exams.by_exam_year.find((r) => r.certification === "all" && r.fiscal_year === "all");
  const p = overall ? val(overall.pass_rate) : null;
  return {
    id: "pass-rate",
    title: "Pass rate by certification and fiscal year",
    takeaway:
      p !== null
        ? `Across all years, ${(p * 100).toFixed(1)}% of completed exams were passed.`
        : "Pass rate not available.",
    description:
      "Line chart of the share of completed exams that were passed, one line per certification plus all exams, by fiscal year.",
    columns,
    rows,
    spec: lineSpec({
      x: { field: "fiscal_year", title: "Fiscal year" },
      y: { field: "pass_rate", title: "Pass rate", format: ".0%" },
      color: { field: "certification", title: "Certification" },
      columns,
    }),
    sources: sourcesOf(agg.exams),
  };
}
