import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { fmtNumber } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { barSpec } from "../_lib/specs.ts";

/** Skills enrollments per month, by how the course was started (fork or template). */
export default function chart(agg: Agg): ChartDef {
  const asOf = agg.skills.as_of;
  const rows = agg.skills.by_month
    .filter((r) => r.course === "all")
    .flatMap((r) => {
      const month = partialLabel(r.month, isPartial(r.month, asOf));
      return [
        { month, via: "fork", enrollments: val(r.fork), note: noteOf(r.fork) },
        { month, via: "template", enrollments: val(r.template), note: noteOf(r.template) },
      ];
    });
  const columns = [
    { key: "month", label: "Month" },
    { key: "via", label: "Started via" },
    { key: "enrollments", label: "Enrollments", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  // the split is a share only over months where both parts are published
  const months = [...new Set(rows.map((r) => r.month))];
  const both = months.filter((m) => rows.every((r) => r.month !== m || r.enrollments !== null));
  const inBoth = rows.filter((r) => both.includes(r.month));
  const fork = inBoth.filter((r) => r.via === "fork").reduce((s, r) => s + (r.enrollments ?? 0), 0);
  const all = inBoth.reduce((s, r) => s + (r.enrollments ?? 0), 0);
  const split =
    all > 0
      ? `In the ${both.length} of ${months.length} months whose fork/template split is published, ${Math.round((fork / all) * 100)}% of ${fmtNumber(all)} enrollments started as a fork.`
      : `The fork/template split is published in full for ${both.length} of ${months.length} months, too few enrollments to give a share.`;
  return {
    id: "skills-monthly",
    title: "Skills course enrollments per month",
    takeaway: split,
    description:
      "Stacked bar chart of GitHub Skills course enrollments per month, split into forks and repositories created from a template; the current month is partial.",
    columns,
    rows,
    spec: barSpec({
      band: { field: "month", title: "Month" },
      value: { field: "enrollments", title: "Enrollments" },
      color: { field: "via", title: "Started via" },
      columns,
    }),
    sources: sourcesOf(agg.skills),
  };
}
