import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { finestGrain, noteOf, val } from "../_lib/cells.ts";
import type { ChartDef, Note } from "../_lib/chart.ts";
import { MONTH, NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { barSpec } from "../_lib/specs.ts";

type Row = {
  readonly month: string;
  readonly via: string;
  readonly enrollments: number | null;
  readonly note: Note;
};

/**
 * Skills enrollments per month (all courses). Grain adapts to k: split into fork and template when those monthly
 * counts clear the suppression rule, otherwise both methods merged into one monthly count.
 */
export default function chart(agg: Agg): ChartDef {
  const asOf = agg.skills.as_of;
  const months = agg.skills.by_month.filter((r) => r.course === "all");
  const label = (m: string) => partialLabel(m, isPartial(m, asOf));
  const split: Row[] = months.flatMap((r) => [
    { month: label(r.month), via: "fork", enrollments: val(r.fork), note: noteOf(r.fork) },
    { month: label(r.month), via: "template", enrollments: val(r.template), note: noteOf(r.template) },
  ]);
  const merged: Row[] = months.map((r) => ({
    month: label(r.month),
    via: "fork or template",
    enrollments: val(r.enrollments),
    note: noteOf(r.enrollments),
  }));
  const { rows, isSplit } = finestGrain([
    { rows: split, isSplit: true },
    { rows: merged, isSplit: false },
  ]);
  const columns = [
    MONTH,
    { key: "via", label: "Started via" },
    { key: "enrollments", label: "Enrollments", format: "int" },
    NOTE,
  ] as const;
  return {
    id: "skills-monthly",
    title: isSplit
      ? "Skills course enrollments per month, by fork or template"
      : "Skills course enrollments per month (fork and template together)",
    takeaway: isSplit ? splitSentence(rows) : totalSentence(rows),
    description: isSplit
      ? "Stacked bar chart of GitHub Skills course enrollments per month, split into forks and repositories created from a template; the current month is partial."
      : "Bar chart of GitHub Skills course enrollments per month, all courses; forks and repositories created from a template are counted together because the monthly template counts are mostly under 5 people. The current month is partial.",
    columns,
    rows,
    spec: barSpec({ band: "month", value: "enrollments", ...(isSplit ? { color: "via" } : {}), columns }),
    sources: sourcesOf(agg.skills),
  };
}

/** The fork share over months where both parts are published. */
function splitSentence(rows: readonly Row[]): string {
  const months = [...new Set(rows.map((r) => r.month))];
  const both = months.filter((m) => rows.every((r) => r.month !== m || r.enrollments !== null));
  const inBoth = rows.filter((r) => both.includes(r.month));
  const fork = inBoth.filter((r) => r.via === "fork").reduce((s, r) => s + (r.enrollments ?? 0), 0);
  const all = inBoth.reduce((s, r) => s + (r.enrollments ?? 0), 0);
  return all > 0
    ? `In the ${both.length} of ${months.length} months whose fork/template split is published, ${Math.round((fork / all) * 100)}% of ${fmtNumber(all)} enrollments started as a fork.`
    : `The fork/template split is published in full for ${both.length} of ${months.length} months, too few enrollments to give a share.`;
}

/** The last 12 complete months' enrollments, when all of them are published. */
function totalSentence(rows: readonly Row[]): string {
  const complete = rows.filter((r) => !r.month.endsWith("(partial)"));
  const last12 = complete.slice(-12);
  const first = last12[0];
  const last = last12.at(-1);
  if (!first || !last || last12.some((r) => r.enrollments === null))
    return "Monthly enrollments, fork and template together; too few recent months are published to give a yearly total.";
  const total = last12.reduce((s, r) => s + (r.enrollments ?? 0), 0);
  return `${fmtNumber(total)} enrollments in the ${last12.length} complete months ${first.month} to ${last.month}, fork and template together (monthly template counts are too small to publish apart).`;
}
