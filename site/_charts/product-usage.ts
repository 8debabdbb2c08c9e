import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { MONTH, NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { lineSpec } from "../_lib/specs.ts";

/** Active people per month, per product. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.activity.product_by_month.map((r) => ({
    month: partialLabel(r.month, isPartial(r.month, agg.activity.as_of)),
    product: r.product,
    active_people: val(r.active_people),
    note: noteOf(r.active_people),
  }));
  const columns = [
    MONTH,
    { key: "product", label: "Product" },
    { key: "active_people", label: "Active people", format: "int" },
    NOTE,
  ] as const;
  const months = [...new Set(rows.map((r) => r.month))].filter((m) => !m.endsWith("(partial)"));
  const last = months.at(-1);
  const top = rows
    .filter((r) => r.month === last && r.product !== "all" && r.active_people !== null)
    .sort((a, b) => (b.active_people ?? 0) - (a.active_people ?? 0))[0];
  const products = new Set(rows.filter((r) => r.product !== "all").map((r) => r.product)).size;
  return {
    id: "product-usage",
    title: "Active people per month, by product",
    takeaway: top
      ? `In ${last}, the last complete month, ${top.product} had the most active people (${fmtNumber(top.active_people ?? 0)}) of the ${products} products shown.`
      : `Monthly active people in ${products} GitHub products.`,
    description: "Line chart of the number of people active in each GitHub product per month.",
    columns,
    rows,
    spec: lineSpec({ x: "month", y: "active_people", color: "product", columns }),
    sources: sourcesOf(agg.activity),
  };
}
