import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
import { lineSpec } from "../_lib/specs.ts";
import { shownStages } from "./funnel.ts";

/** Stage-to-stage conversion per fiscal-year cohort. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.journey.cohorts
    .filter((c) => c.cohort !== "all")
    .flatMap((c) =>
      // the stage groups the cohort's funnel plots (grain adapted to k at aggregation time), after the first
      shownStages(c)
        .slice(1)
        .map(({ label, stage: s }) => ({
          cohort: c.cohort,
          stage: label,
          conversion: val(s.conversion_from_previous),
          note: noteOf(s.conversion_from_previous),
        })),
    );
  const columns = [
    { key: "cohort", label: "Cohort" },
    { key: "stage", label: "Stage reached" },
    { key: "conversion", label: "Conversion from previous stage", format: "pct" },
    NOTE,
  ] as const;
  const shown = rows.filter((r) => r.conversion !== null).length;
  return {
    id: "conversion-by-cohort",
    title: "Conversion between stages, by cohort",
    takeaway: `Each line is one step between stage groups (stages merged where fewer than 5 people lie between them); ${shown} of ${rows.length} cohort conversions are published${shown < rows.length ? ", the rest involve fewer than 5 people and are suppressed" : ""}.`,
    description:
      "Line chart of the share of people moving from one journey stage group to the next, per fiscal-year cohort; stages are merged into groups so that every step counts 0 or at least 5 people.",
    columns,
    rows,
    spec: lineSpec({
      x: { field: "cohort", title: "Cohort (fiscal year)" },
      y: { field: "conversion", title: "Conversion", format: ".0%" },
      color: { field: "stage", title: "Stage" },
      columns,
      // a stage group a cohort does not have (its stages merged differently) breaks that line there
      breakAtAbsent: true,
    }),
    sources: sourcesOf(agg.journey),
  };
}
