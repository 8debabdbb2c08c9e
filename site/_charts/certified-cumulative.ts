import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { lineSpec } from "../_lib/specs.ts";

/** Certified people over time: cumulative certifications per fiscal quarter, all certifications. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.certifications.by_quarter
    .filter((r) => r.certification === "all")
    .map((r) => ({ quarter: r.period, cumulative: val(r.cumulative), note: noteOf(r.cumulative) }));
  const columns = [
    { key: "quarter", label: "Fiscal quarter" },
    { key: "cumulative", label: "Certifications earned (cumulative)", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const last = rows.findLast((r) => r.cumulative !== null);
  return {
    id: "certified-cumulative",
    title: "Certifications earned over time",
    takeaway: last
      ? `By ${last.quarter}, ${last.cumulative?.toLocaleString("en-US")} certifications had been earned in total.`
      : "No certification counts can be shown yet.",
    description: "Line chart of the cumulative number of certifications earned at the end of each fiscal quarter.",
    columns,
    rows,
    spec: lineSpec({
      x: { field: "quarter", title: "Fiscal quarter", type: "ordinal" },
      y: { field: "cumulative", title: "Certifications (cumulative)" },
      columns,
    }),
    sources: sourcesOf(agg.certifications),
  };
}
