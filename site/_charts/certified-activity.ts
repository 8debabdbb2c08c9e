import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { lineSpec } from "../_lib/specs.ts";

const GRAIN_WORD = { month: "month", quarter: "fiscal quarter", year: "fiscal year" } as const;

/**
 * Public GitHub activity of certified vs not-certified people: events per active person per period — the finest grain
 * (month, fiscal quarter, fiscal year) whose counts clear the small-cell rule, chosen at aggregation time.
 */
export default function chart(agg: Agg): ChartDef {
  const byPeriod = agg.activity.github_by_period;
  const grain = byPeriod?.grain ?? "month";
  const src = byPeriod?.rows ?? agg.activity.github_by_month.map(({ month, ...r }) => ({ period: month, ...r }));
  const label = (p: string) => partialLabel(p, isPartial(p, agg.activity.as_of));
  const rows = src.flatMap((r) => [
    {
      month: label(r.period),
      group: "certified",
      events_per_person: val(r.certified_events_per_person),
      note: noteOf(r.certified_events_per_person),
    },
    {
      month: label(r.period),
      group: "not certified",
      events_per_person: val(r.not_certified_events_per_person),
      note: noteOf(r.not_certified_events_per_person),
    },
  ]);
  const pick = (m: string, g: string) => rows.find((r) => r.month === m && r.group === g)?.events_per_person ?? null;
  const months = [...new Set(rows.map((r) => r.month))];
  const month = months.findLast((m) => pick(m, "certified") !== null && pick(m, "not certified") !== null);
  const columns = [
    { key: "month", label: grain === "month" ? "Month" : GRAIN_WORD[grain].replace(/^f/, "F") },
    { key: "group", label: "Group" },
    { key: "events_per_person", label: "Events per active person", format: "dec1" },
    NOTE,
  ] as const;
  return {
    id: "certified-activity",
    title: `GitHub activity of certified and not-certified people, per ${GRAIN_WORD[grain]}`,
    takeaway: month
      ? `In ${month}, certified people averaged ${fmtNumber(pick(month, "certified") ?? 0, 1)} public GitHub events per active person, people not certified ${fmtNumber(pick(month, "not certified") ?? 0, 1)}.`
      : "No month has both groups published.",
    description: `Line chart per ${GRAIN_WORD[grain]} of public GitHub events per active person, for certified and not-certified people${grain === "month" ? "" : `; shown per ${GRAIN_WORD[grain]} because monthly counts of certified people are too often under 5`}. A person counts as certified from the first period that ends after their first certification.`,
    columns,
    rows,
    spec: lineSpec({
      x: { field: "month", title: grain === "month" ? "Month" : GRAIN_WORD[grain].replace(/^f/, "F") },
      y: "events_per_person",
      color: "group",
      columns,
    }),
    sources: sourcesOf(agg.activity),
  };
}
