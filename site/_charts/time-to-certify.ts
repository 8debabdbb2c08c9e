import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { CERTIFICATION, NOTE } from "../_lib/columns.ts";
import { barSpec } from "../_lib/specs.ts";

/** Median days from first exam registration to certification, per certification. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.certifications.time_to_certify.map((r) => ({
    certification: r.certification,
    median_days: val(r.median_days),
    p90_days: val(r.p90_days),
    people: val(r.people),
    note: noteOf(r.median_days),
  }));
  const columns = [
    CERTIFICATION,
    { key: "median_days", label: "Median days", format: "int" },
    { key: "p90_days", label: "90th percentile days", format: "int" },
    { key: "people", label: "People", format: "int" },
    NOTE,
  ] as const;
  const all = rows.find((r) => r.certification === "all");
  return {
    id: "time-to-certify",
    title: "Time from first registration to certification",
    takeaway:
      all?.median_days != null
        ? `Half of certified people earned their certification within ${all.median_days} days of first registering.`
        : "The median time to certify is not available.",
    description:
      "Bar chart of the median number of days from first exam registration to certification, per certification.",
    columns,
    rows,
    spec: barSpec({ band: "certification", value: "median_days", columns, height: 200 }),
    sources: sourcesOf(agg.certifications),
  };
}
