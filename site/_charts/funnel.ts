import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
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

/** The learning journey funnel for one fiscal-year cohort (or all cohorts). */
export default function chart(agg: Agg, cohort = "all"): ChartDef {
  const c = agg.journey.cohorts.find((x) => x.cohort === cohort);
  const rows = (c?.stages ?? []).map((s) => ({
    stage: STAGE_LABEL[s.stage] ?? s.stage,
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
    { key: "note", label: "Note" },
  ] as const;
  const first = rows[0]?.reached ?? null;
  const cert = rows.find((r) => r.stage === STAGE_LABEL.certified)?.reached ?? null;
  const label = cohort === "all" ? "all cohorts" : `the ${cohort} cohort`;
  const learners = cohort === "all" ? "people who started learning" : `people who started learning in ${cohort}`;
  return {
    id: cohort === "all" ? "funnel" : `funnel-${cohort.toLowerCase()}`,
    title: `Learning journey funnel (${label})`,
    takeaway:
      first !== null && cert !== null && first > 0
        ? `${((cert / first) * 100).toFixed(1)}% of ${learners} (${fmtNumber(first)}) went on to get certified (${fmtNumber(cert)}).`
        : `Conversion to certification is not available for ${label}: a count it needs is suppressed.`,
    description: `Horizontal bar chart of how many people of ${label} reached each stage: learning, Skills course, exam registration, exam, certification, product use.`,
    columns,
    rows,
    spec: barSpec({
      band: { field: "stage", title: "Stage", sort: rows.map((r) => r.stage) },
      value: { field: "reached", title: "People" },
      columns,
      horizontal: true,
      height: 220,
    }),
    sources: sourcesOf(agg.journey),
  };
}
