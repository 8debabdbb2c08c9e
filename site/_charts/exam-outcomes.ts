import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { barSpec } from "../_lib/specs.ts";

const OUTCOMES = ["passed", "failed", "no_show", "cancelled", "pending"] as const;
const LABEL: Record<(typeof OUTCOMES)[number], string> = {
  passed: "passed",
  failed: "failed",
  no_show: "no-show",
  cancelled: "cancelled",
  pending: "pending",
};

/** Exam registrations by outcome: per fiscal year (all exams), or per certification within one fiscal year. */
export default function chart(agg: Agg, fy?: string): ChartDef {
  const src = agg.exams.by_exam_year.filter((r) =>
    fy === undefined
      ? r.certification === "all" && r.fiscal_year !== "all"
      : r.fiscal_year === fy && r.certification !== "all",
  );
  const bandKey = fy === undefined ? "fiscal_year" : "certification";
  const rows = src.flatMap((r) =>
    OUTCOMES.map((o) => ({
      [bandKey]: fy === undefined ? r.fiscal_year : r.certification,
      outcome: LABEL[o],
      registrations: val(r[o]),
      note: noteOf(r[o]),
    })),
  );
  const columns = [
    { key: bandKey, label: fy === undefined ? "Fiscal year" : "Certification" },
    { key: "outcome", label: "Outcome" },
    { key: "registrations", label: "Registrations", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const total = src.reduce((s, r) => s + (val(r.registrations) ?? 0), 0);
  const noShow = src.reduce((s, r) => s + (val(r.no_show) ?? 0), 0);
  return {
    id: fy === undefined ? "exam-outcomes" : `exam-outcomes-${fy.toLowerCase()}`,
    title:
      fy === undefined ? "Exam registrations by outcome, per fiscal year" : `Exam registrations by outcome in ${fy}`,
    takeaway:
      total > 0
        ? `${total.toLocaleString("en-US")} registrations shown; ${Math.round((noShow / total) * 100)}% ended as no-shows.`
        : "No exam registrations in this period.",
    description: `Stacked bar chart of exam registrations per ${fy === undefined ? "fiscal year" : "certification"}, split into passed, failed, no-show, cancelled and pending.`,
    columns,
    rows,
    spec: barSpec({
      band: { field: bandKey, title: fy === undefined ? "Fiscal year" : "Certification" },
      value: { field: "registrations", title: "Registrations" },
      color: { field: "outcome", title: "Outcome", sort: OUTCOMES.map((o) => LABEL[o]) },
      columns,
    }),
    sources: sourcesOf(agg.exams),
  };
}
