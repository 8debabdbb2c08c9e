import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { barSpec } from "../_lib/specs.ts";

/** Skills enrollments per month, by how the course was started (fork or template). */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.skills.by_month
    .filter((r) => r.course === "all")
    .flatMap((r) => [
      { month: r.month, via: "fork", enrollments: val(r.fork), note: noteOf(r.fork) },
      { month: r.month, via: "template", enrollments: val(r.template), note: noteOf(r.template) },
    ]);
  const columns = [
    { key: "month", label: "Month" },
    { key: "via", label: "Started via" },
    { key: "enrollments", label: "Enrollments", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const fork = rows.filter((r) => r.via === "fork").reduce((s, r) => s + (r.enrollments ?? 0), 0);
  const all = rows.reduce((s, r) => s + (r.enrollments ?? 0), 0);
  return {
    id: "skills-monthly",
    title: "Skills course enrollments per month",
    takeaway:
      all > 0
        ? `${Math.round((fork / all) * 100)}% of enrollments shown started as a fork, the rest from a template.`
        : "No enrollments.",
    description:
      "Stacked bar chart of GitHub Skills course enrollments per month, split into forks and repositories created from a template.",
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
