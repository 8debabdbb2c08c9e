import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { CERTIFICATION, FISCAL_YEAR, NOTE } from "../_lib/columns.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { lineSpec } from "../_lib/specs.ts";

/** Pass rate per certification and fiscal year. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.exams.by_exam_year
    .filter((r) => r.fiscal_year !== "all")
    .map((r) => ({
      fiscal_year: partialLabel(r.fiscal_year, isPartial(r.fiscal_year, agg.exams.as_of)),
      certification: r.certification,
      pass_rate: val(r.pass_rate),
      completed: val(r.completed),
      note: noteOf(r.pass_rate),
    }));
  const columns = [
    FISCAL_YEAR,
    CERTIFICATION,
    { key: "pass_rate", label: "Pass rate", format: "pct" },
    { key: "completed", label: "Exams completed", format: "int" },
    NOTE,
  ] as const;
  const latest = rows.findLast(
    (r) => r.certification === "all" && r.pass_rate !== null && !r.fiscal_year.endsWith("(partial)"),
  );
  const p = latest?.pass_rate ?? null;
  return {
    id: "pass-rate",
    title: "Pass rate by certification and fiscal year",
    takeaway:
      p !== null
        ? `In ${latest?.fiscal_year}, the last complete fiscal year, ${(p * 100).toFixed(1)}% of completed exams were passed (all certifications).`
        : "Pass rate not available.",
    description:
      "Line chart of the share of completed exams that were passed, one line per certification plus all exams, by fiscal year.",
    columns,
    rows,
    spec: lineSpec({
      x: "fiscal_year",
      y: { field: "pass_rate", title: "Pass rate", format: ".0%" },
      color: "certification",
      columns,
    }),
    sources: sourcesOf(agg.exams),
  };
}
