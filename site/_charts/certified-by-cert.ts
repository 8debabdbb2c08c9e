import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { CERTIFICATION, FISCAL_YEAR, NOTE } from "../_lib/columns.ts";
import { fmtNumber } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import { barSpec } from "../_lib/specs.ts";

/**
 * Certifications earned per fiscal year, stacked by certification. A bar's height counts certifications: a person
 * who earns GH-100 and GH-200 in one year adds two, so a year's bar is higher than the number of people certified
 * for the first time that year (the table on the Certifications page).
 */
export default function chart(agg: Agg): ChartDef {
  const asOf = agg.certifications.as_of;
  const rows = agg.certifications.by_fiscal_year
    .filter((r) => r.certification !== "all")
    .map((r) => ({
      fiscal_year: partialLabel(r.period, isPartial(r.period, asOf)),
      certification: r.certification,
      certifications: val(r.new),
      note: noteOf(r.new),
    }));
  const columns = [
    FISCAL_YEAR,
    CERTIFICATION,
    { key: "certifications", label: "Certifications earned", format: "int" },
    NOTE,
  ] as const;
  // the latest complete fiscal year whose every certification is published
  const years = [...new Set(rows.map((r) => r.fiscal_year))].filter((y) => !y.endsWith("(partial)"));
  const full = years.filter((y) => rows.every((r) => r.fiscal_year !== y || r.certifications !== null));
  const year = full.at(-1);
  const inYear = rows.filter((r) => r.fiscal_year === year);
  const sum = inYear.reduce((s, r) => s + (r.certifications ?? 0), 0);
  const top = [...inYear].sort((a, b) => (b.certifications ?? 0) - (a.certifications ?? 0))[0];
  return {
    id: "certified-by-cert",
    title: "Certifications earned per fiscal year, by certification",
    takeaway:
      year && top
        ? `In ${year}, ${fmtNumber(sum)} certifications were earned, most of them ${top.certification} (${fmtNumber(top.certifications ?? 0)}); a person earning several counts once per certification.`
        : "No fiscal year has every certification count published.",
    description:
      "Stacked bar chart: for each fiscal year, the certifications earned, split by certification exam. Bars count certifications, not people; the current fiscal year is partial and drawn lighter.",
    columns,
    rows,
    spec: barSpec({ band: "fiscal_year", value: "certifications", color: "certification", columns }),
    sources: sourcesOf(agg.certifications),
  };
}
