import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { CERTIFICATION, NOTE } from "../_lib/columns.ts";
import { barSpec } from "../_lib/specs.ts";

/** Share of examined people who took the same exam more than once. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.exams.retakes.map((r) => ({
    certification: r.certification,
    retake_rate: val(r.retake_rate),
    people_retook: val(r.people_retook),
    people_examined: val(r.people_examined),
    note: noteOf(r.retake_rate),
  }));
  const columns = [
    CERTIFICATION,
    { key: "retake_rate", label: "Retake rate", format: "pct" },
    { key: "people_retook", label: "People who retook", format: "int" },
    { key: "people_examined", label: "People examined", format: "int" },
    NOTE,
  ] as const;
  const all = rows.find((r) => r.certification === "all");
  return {
    id: "retakes",
    title: "Retake rate by certification",
    takeaway:
      all?.retake_rate != null
        ? `${(all.retake_rate * 100).toFixed(1)}% of examined people took an exam more than once.`
        : "Retake rate not available.",
    description: "Bar chart of the share of examined people who took the same exam more than once, per certification.",
    columns,
    rows,
    spec: barSpec({
      band: "certification",
      value: { field: "retake_rate", title: "Retake rate", format: ".0%" },
      columns,
      height: 200,
    }),
    sources: sourcesOf(agg.exams),
  };
}
