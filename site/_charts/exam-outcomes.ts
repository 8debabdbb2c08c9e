import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { fmtNumber } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
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
export default function chart(agg: Agg, fy?: string, cert = "all"): ChartDef {
  const src = agg.exams.by_exam_year.filter((r) =>
    fy === undefined
      ? r.certification === cert && r.fiscal_year !== "all"
      : r.fiscal_year === fy && r.certification !== "all",
  );
  const bandKey = fy === undefined ? "fiscal_year" : "certification";
  const rows = src.flatMap((r) =>
    OUTCOMES.map((o) => ({
      [bandKey]:
        fy === undefined ? partialLabel(r.fiscal_year, isPartial(r.fiscal_year, agg.exams.as_of)) : r.certification,
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
  const total = rows.reduce((s, r) => s + (r.registrations ?? 0), 0);
  const noShow = rows.filter((r) => r.outcome === LABEL.no_show).reduce((s, r) => s + (r.registrations ?? 0), 0);
  const hidden = rows.some((r) => r.registrations === null);
  const partial = fy !== undefined && isPartial(fy, agg.exams.as_of) ? " (partial year)" : "";
  return {
    id:
      fy !== undefined
        ? `exam-outcomes-${fy.toLowerCase()}`
        : cert === "all"
          ? "exam-outcomes"
          : `exam-outcomes-${cert.toLowerCase()}`,
    title:
      fy === undefined
        ? `${cert === "all" ? "Exam" : `${cert} exam`} registrations by outcome, per fiscal year`
        : `Exam registrations by outcome in ${partialLabel(fy, isPartial(fy, agg.exams.as_of))}`,
    takeaway:
      total > 0
        ? `${fmtNumber(total)} registrations${hidden ? " with a published outcome" : ""}${partial}; ${Math.round((noShow / total) * 100)}% of them ended as no-shows.`
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
