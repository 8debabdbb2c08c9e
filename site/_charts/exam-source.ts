import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { FISCAL_YEAR, NOTE } from "../_lib/columns.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { barSpec } from "../_lib/specs.ts";

/** Registrations per fiscal year by record source: legacy (gh-analytics) or Pearson (cse-analytics). */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.exams.by_source.map((r) => ({
    fiscal_year: partialLabel(r.fiscal_year, isPartial(r.fiscal_year, agg.exams.as_of)),
    exam_source: r.exam_source,
    registrations: val(r.registrations),
    note: noteOf(r.registrations),
  }));
  const columns = [
    FISCAL_YEAR,
    { key: "exam_source", label: "Source" },
    { key: "registrations", label: "Registrations", format: "int" },
    NOTE,
  ] as const;
  const years = (source: string) =>
    rows.filter((r) => r.exam_source === source && (r.registrations ?? 0) > 0).map((r) => r.fiscal_year);
  const legacy = years("legacy");
  const pearson = years("pearson");
  return {
    id: "exam-source",
    title: "Legacy and Pearson exam records",
    takeaway:
      legacy.length > 0 && pearson.length > 0
        ? `Legacy records cover ${legacy[0]}–${legacy.at(-1)}; Pearson records ${pearson[0]}–${pearson.at(-1)}.`
        : "Registrations by record source are not available.",
    description: "Stacked bar chart of exam registrations per fiscal year, split by the system the record comes from.",
    columns,
    rows,
    spec: barSpec({ band: "fiscal_year", value: "registrations", color: "exam_source", columns, height: 200 }),
    sources: sourcesOf(agg.exams),
  };
}
