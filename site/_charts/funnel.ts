import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
import { barSpec } from "../_lib/specs.ts";

export const STAGE_LABEL: Record<string, string> = {
  learning: "1 Learning",
  skills: "2 Skills course",
  registered: "3 Exam registration",
  examined: "4 Exam taken",
  certified: "5 Certified",
  product: "6 Product use after certification",
};

type Cohort = Agg["journey"]["cohorts"][number];

const SHORT: Record<string, string> = {
  learning: "learning",
  skills: "Skills",
  registered: "registration",
  examined: "exam",
  certified: "certified",
  product: "product use",
};

/**
 * The label of a group of stages: "2 Skills course", or "5–6 Certified to product use" for merged stages (short enough
 * for the axis: the description lists the groups in full).
 */
export function groupLabel(group: readonly string[]): string {
  const first = group[0] ?? "";
  const last = group[group.length - 1] ?? first;
  if (group.length <= 1) return STAGE_LABEL[first] ?? first;
  const n = (s: string) => (STAGE_LABEL[s] ?? s).split(" ")[0] ?? "";
  const name = SHORT[first] ?? first;
  return `${n(first)}–${n(last)} ${name.charAt(0).toUpperCase()}${name.slice(1)} to ${SHORT[last] ?? last}`;
}

/**
 * The stages a cohort's funnel plots: grain adapts to k at aggregation time (`stage_groups`): each group is drawn at
 * its first stage (people reaching at least that stage); stages merged into a group are not plotted apart.
 */
export function shownStages(c: Cohort | undefined): { label: string; stage: Cohort["stages"][number] }[] {
  const groups = c?.stage_groups ?? (c?.stages ?? []).map((s) => [s.stage]);
  return groups.flatMap((g) => {
    const stage = c?.stages.find((s) => s.stage === g[0]);
    return stage ? [{ label: groupLabel(g), stage }] : [];
  });
}

/** The learning journey funnel for one fiscal-year cohort (or all cohorts). */
export default function chart(agg: Agg, cohort = "all"): ChartDef {
  const c = agg.journey.cohorts.find((x) => x.cohort === cohort);
  const shown = shownStages(c);
  const merged = shown.length < (c?.stages.length ?? 0);
  const rows = shown.map(({ label, stage: s }) => ({
    stage: label,
    reached: val(s.reached),
    conversion: val(s.conversion_from_previous),
    median_days: val(s.median_days_from_previous),
    note: noteOf(s.reached),
  }));
  const columns = [
    { key: "stage", label: "Stage" },
    { key: "reached", label: "People reaching the stage", format: "int" },
    { key: "conversion", label: "Conversion from previous stage", format: "pct" },
    { key: "median_days", label: "Median days from previous stage", format: "int" },
    NOTE,
  ] as const;
  const first = rows[0]?.reached ?? null;
  const cert = rows.find((r) => r.stage.startsWith("5 ") || r.stage.startsWith("5–"))?.reached ?? null;
  const label = cohort === "all" ? "all cohorts" : `the ${cohort} cohort`;
  const learners = cohort === "all" ? "people who started learning" : `people who started learning in ${cohort}`;
  return {
    id: cohort === "all" ? "funnel" : `funnel-${cohort.toLowerCase()}`,
    title: merged
      ? `Learning journey funnel (${label}, ${rows.length} stage groups)`
      : `Learning journey funnel (${label})`,
    takeaway:
      first !== null && cert !== null && first > 0
        ? `${((cert / first) * 100).toFixed(1)}% of ${learners} (${fmtNumber(first)}) went on to get certified (${fmtNumber(cert)}).`
        : `Conversion to certification is not available for ${label}: a count it needs is suppressed.`,
    description: merged
      ? `Horizontal bar chart of how many people of ${label} reached each stage group: ${rows.map((r) => r.stage).join("; ")}. Stages are merged so that the people between consecutive bars are 0 or at least 5; a merged group counts the people reaching its first stage.`
      : `Horizontal bar chart of how many people of ${label} reached each stage: learning, Skills course, exam registration, exam, certification, product use.`,
    columns,
    rows,
    spec: barSpec({
      band: { field: "stage", title: "Stage", sort: rows.map((r) => r.stage), labelLimit: 300 },
      value: { field: "reached", title: "People" },
      columns,
      horizontal: true,
      height: 220,
    }),
    sources: sourcesOf(agg.journey),
  };
}
