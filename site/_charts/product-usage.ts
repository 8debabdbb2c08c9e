import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { lineSpec } from "../_lib/specs.ts";

/** Active people per month, per product. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.activity.product_by_month.map((r) => ({
    month: r.month,
    product: r.product,
    active_people: val(r.active_people),
    note: noteOf(r.active_people),
  }));
  const columns = [
    { key: "month", label: "Month" },
    { key: "product", label: "Product" },
    { key: "active_people", label: "Active people", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  return {
    id: "product-usage",
    title: "Active people per month, by product",
    takeaway: `Monthly active people in ${agg.activity.products.length} GitHub products.`,
    description: "Line chart of the number of people active in each GitHub product per month.",
    columns,
    rows,
    spec: lineSpec({
      x: { field: "month", title: "Month" },
      y: { field: "active_people", title: "Active people" },
      color: { field: "product", title: "Product" },
      columns,
    }),
    sources: sourcesOf(agg.activity),
  };
}
