import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { barSpec } from "../_lib/specs.ts";

/** Most popular Skills courses by enrollments. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.skills.popular
    .slice(0, 10)
    .map((p) => ({ rank: p.rank, course: p.course, enrollments: p.enrollments, note: "" }));
  const columns = [
    { key: "rank", label: "Rank", format: "int" },
    { key: "course", label: "Course" },
    { key: "enrollments", label: "Enrollments", format: "int" },
  ] as const;
  return {
    id: "skills-popular",
    title: "Most popular Skills courses",
    takeaway: rows[0] ? `${rows[0].course} is the most enrolled course.` : "No enrollments yet.",
    description: "Horizontal bar chart of the Skills courses with the most enrollments, most popular first.",
    columns,
    rows,
    spec: barSpec({
      band: { field: "course", title: "Course", sort: rows.map((r) => r.course) },
      value: "enrollments",
      columns,
      horizontal: true,
      height: Math.max(120, rows.length * 24),
    }),
    sources: sourcesOf(agg.skills),
  };
}
