import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { FISCAL_YEAR, NOTE } from "../_lib/columns.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { barSpec } from "../_lib/specs.ts";

/** Exams per fiscal year by delivery mode. */
export default function chart(agg: Agg, fy?: string): ChartDef {
  const rows = agg.exams.delivery
    .filter((r) => fy === undefined || r.fiscal_year === fy)
    .map((r) => ({
      fiscal_year: partialLabel(r.fiscal_year, isPartial(r.fiscal_year, agg.exams.as_of)),
      delivery: r.delivery.replace("_", " "),
      exams: val(r.exams),
      note: noteOf(r.exams),
    }));
  const columns = [
    FISCAL_YEAR,
    { key: "delivery", label: "Delivery" },
    { key: "exams", label: "Exams", format: "int" },
    NOTE,
  ] as const;
  const online = rows.filter((r) => r.delivery === "online").reduce((s, r) => s + (r.exams ?? 0), 0);
  const total = rows.reduce((s, r) => s + (r.exams ?? 0), 0);
  return {
    id: fy === undefined ? "exam-delivery" : `exam-delivery-${fy.toLowerCase()}`,
    title: fy === undefined ? "Delivery mode per fiscal year" : `Delivery mode in ${fy}`,
    takeaway:
      total > 0
        ? `${Math.round((online / total) * 100)}% of the exams with a published delivery count were taken online.`
        : "No exams in this period.",
    description: "Stacked bar chart of exams per fiscal year split by delivery mode: online, test center, unknown.",
    columns,
    rows,
    spec: barSpec({ band: "fiscal_year", value: "exams", color: "delivery", columns, height: 200 }),
    sources: sourcesOf(agg.exams),
  };
}
