import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { lineSpec } from "../_lib/specs.ts";

/**
 * Certified people over time: the cumulative number of distinct people certified (by their first certification) at
 * the end of each fiscal quarter. It counts people, not certifications: a person holding three counts once.
 */
export default function chart(agg: Agg, cert = "all"): ChartDef {
  const asOf = agg.certifications.as_of;
  const rows = agg.certifications.by_quarter
    .filter((r) => r.certification === cert)
    .map((r) => ({
      quarter: partialLabel(r.period, isPartial(r.period, asOf)),
      cumulative: val(r.cumulative),
      note: noteOf(r.cumulative),
    }));
  const columns = [
    { key: "quarter", label: "Fiscal quarter" },
    { key: "cumulative", label: "Certified people (cumulative)", format: "int" },
    NOTE,
  ] as const;
  const last = rows.findLast((r) => r.cumulative !== null);
  return {
    id: cert === "all" ? "certified-cumulative" : `certified-cumulative-${cert.toLowerCase()}`,
    title: cert === "all" ? "Certified people over time" : `People holding ${cert} over time`,
    takeaway: last
      ? cert === "all"
        ? `By ${last.quarter}, ${fmtNumber(last.cumulative ?? 0)} people had been certified (each person counted once, however many certifications they hold).`
        : `By ${last.quarter}, ${fmtNumber(last.cumulative ?? 0)} people had earned ${cert}.`
      : "No count of certified people can be shown yet.",
    description:
      "Line chart of the cumulative number of distinct certified people at the end of each fiscal quarter; the current quarter is partial.",
    columns,
    rows,
    spec: lineSpec({ x: { field: "quarter", title: "Fiscal quarter", type: "ordinal" }, y: "cumulative", columns }),
    sources: sourcesOf(agg.certifications),
  };
}
