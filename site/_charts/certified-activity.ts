import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { fmtNumber } from "../_lib/html.ts";
import { lineSpec } from "../_lib/specs.ts";

/** Public GitHub activity of certified vs not-certified people: events per active person per month. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.activity.github_by_month.flatMap((r) => [
    {
      month: r.month,
      group: "certified",
      events_per_person: val(r.certified_events_per_person),
      note: noteOf(r.certified_events_per_person),
    },
    {
      month: r.month,
      group: "not certified",
      events_per_person: val(r.not_certified_events_per_person),
      note: noteOf(r.not_certified_events_per_person),
    },
  ]);
  const pick = (m: string, g: string) => rows.find((r) => r.month === m && r.group === g)?.events_per_person ?? null;
  const months = [...new Set(rows.map((r) => r.month))];
  const month = months.findLast((m) => pick(m, "certified") !== null && pick(m, "not certified") !== null);
  const columns = [
    { key: "month", label: "Month" },
    { key: "group", label: "Group" },
    { key: "events_per_person", label: "Events per active person", format: "dec1" },
    { key: "note", label: "Note" },
  ] as const;
  return {
    id: "certified-activity",
    title: "GitHub activity of certified and not-certified people",
    takeaway: month
      ? `In ${month}, certified people averaged ${fmtNumber(pick(month, "certified") ?? 0, 1)} public GitHub events per active person, people not certified ${fmtNumber(pick(month, "not certified") ?? 0, 1)}.`
      : "No month has both groups published.",
    description:
      "Line chart per month of public GitHub events per active person, for certified and not-certified people.",
    columns,
    rows,
    spec: lineSpec({
      x: { field: "month", title: "Month" },
      y: { field: "events_per_person", title: "Events per active person" },
      color: { field: "group", title: "Group" },
      columns,
    }),
    sources: sourcesOf(agg.activity),
  };
}
