import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { CERTIFICATION, NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
import { barSpec } from "../_lib/specs.ts";

/** Active vs expired certifications at the as-of date, per certification. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.certifications.status
    .filter((r) => r.certification !== "all")
    .flatMap((r) => [
      { certification: r.certification, state: "active", certifications: val(r.active), note: noteOf(r.active) },
      { certification: r.certification, state: "expired", certifications: val(r.expired), note: noteOf(r.expired) },
    ]);
  const columns = [
    CERTIFICATION,
    { key: "state", label: "State" },
    { key: "certifications", label: "Certifications", format: "int" },
    NOTE,
  ] as const;
  const complete = rows.every((r) => r.certifications !== null);
  const a = complete ? rows.filter((r) => r.state === "active").reduce((s, r) => s + (r.certifications ?? 0), 0) : null;
  const t = complete ? rows.reduce((s, r) => s + (r.certifications ?? 0), 0) : null;
  return {
    id: "cert-status",
    title: "Active and expired certifications",
    takeaway:
      a !== null && t !== null && t > 0
        ? `${Math.round((a / t) * 100)}% of the ${fmtNumber(t)} certifications earned are still active (certifications expire after two years).`
        : "Certifications expire two years after the most recent pass; some counts are suppressed, so no share is given.",
    description: "Horizontal stacked bars per certification: certifications still active and those expired.",
    columns,
    rows,
    spec: barSpec({
      band: "certification",
      value: "certifications",
      color: "state",
      columns,
      horizontal: true,
      height: 180,
    }),
    sources: sourcesOf(agg.certifications),
  };
}
