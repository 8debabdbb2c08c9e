import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { barSpec } from "../_lib/specs.ts";

/** Registrations per fiscal year by record source: legacy (gh-analytics) or Pearson (cse-analytics). */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.exams.by_source.map((r) => ({
    fiscal_year: r.fiscal_year,
    exam_source: r.exam_source,
    registrations: val(r.registrations),
    note: noteOf(r.registrations),
  }));
  const columns = [
    { key: "fiscal_year", label: "Fiscal year" },
    { key: "exam_source", label: "Source" },
    { key: "registrations", label: "Registrations", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  return {
    id: "exam-source",
    title: "Legacy and Pearson exam records",
    takeaway: "Exams up to FY25 come from the legacy system; from FY26 on they come from Pearson.",
    description: "Stacked bar chart of exam registrations per fiscal year, split by the system the record comes from.",
    columns,
    rows,
    spec: barSpec({
      band: { field: "fiscal_year", title: "Fiscal year" },
      value: { field: "registrations", title: "Registrations" },
      color: { field: "exam_source", title: "Source" },
      columns,
      height: 200,
    }),
    sources: sourcesOf(agg.exams),
  };
}
