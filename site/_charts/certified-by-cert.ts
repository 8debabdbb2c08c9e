import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { barSpec } from "../_lib/specs.ts";

/** New certifications per fiscal year, stacked by certification. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.certifications.by_fiscal_year
    .filter((r) => r.certification !== "all")
    .map((r) => ({ fiscal_year: r.period, certification: r.certification, new: val(r.new), note: noteOf(r.new) }));
  const columns = [
    { key: "fiscal_year", label: "Fiscal year" },
    { key: "certification", label: "Certification" },
    { key: "new", label: "New certifications", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.certification, (totals.get(r.certification) ?? 0) + (r.new ?? 0));
  const top = [...totals].sort((a, b) => b[1] - a[1])[0];
  return {
    id: "certified-by-cert",
    title: "New certifications per fiscal year, by certification",
    takeaway: top ? `${top[0]} is the most earned certification across all fiscal years shown.` : "No data yet.",
    description: "Stacked bar chart: for each fiscal year, the certifications earned, split by certification exam.",
    columns,
    rows,
    spec: barSpec({
      band: { field: "fiscal_year", title: "Fiscal year" },
      value: { field: "new", title: "New certifications" },
      color: { field: "certification", title: "Certification" },
      columns,
    }),
    sources: sourcesOf(agg.certifications),
  };
}
