import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { finestGrain, noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
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
  const rowsOf = (outcomes: readonly (typeof OUTCOMES)[number][]) =>
    src.flatMap((r) =>
      outcomes.map((o) => ({
        [bandKey]:
          fy === undefined ? partialLabel(r.fiscal_year, isPartial(r.fiscal_year, agg.exams.as_of)) : r.certification,
        outcome: LABEL[o],
        registrations: val(r[o]),
        note: noteOf(r[o]),
      })),
    );
  // grain adapts to k: every outcome, or — where no-shows, cancellations and pending registrations are too few to
  // publish (aggregation withholds them, exams.ts) — completed exams by result only
  const { rows, outcomes } = finestGrain([
    { rows: rowsOf(OUTCOMES), outcomes: OUTCOMES },
    { rows: rowsOf(["passed", "failed"]), outcomes: ["passed", "failed"] as const },
  ]);
  const byResult = outcomes.length === 2;
  const columns = [
    { key: bandKey, label: fy === undefined ? "Fiscal year" : "Certification" },
    { key: "outcome", label: byResult ? "Result" : "Outcome" },
    { key: "registrations", label: byResult ? "Completed exams" : "Registrations", format: "int" },
    NOTE,
  ] as const;
  const total = rows.reduce((s, r) => s + (r.registrations ?? 0), 0);
  const noShow = rows.filter((r) => r.outcome === LABEL.no_show).reduce((s, r) => s + (r.registrations ?? 0), 0);
  const passed = rows.filter((r) => r.outcome === LABEL.passed).reduce((s, r) => s + (r.registrations ?? 0), 0);
  const hidden = rows.some((r) => r.registrations === null);
  const partial = fy !== undefined && isPartial(fy, agg.exams.as_of) ? " (partial year)" : "";
  const what = fy === undefined ? (cert === "all" ? "Exam" : `${cert} exam`) : "Exam";
  const when = fy === undefined ? ", per fiscal year" : ` in ${partialLabel(fy, isPartial(fy, agg.exams.as_of))}`;
  const takeaway = byResult
    ? total > 0
      ? `${fmtNumber(total)} completed exams${hidden ? " with a published result" : ""}${partial}; ${Math.round((passed / total) * 100)}% of them were passed (no-shows, cancellations and pending registrations are too few to publish here).`
      : "No completed exams in this period."
    : total > 0
      ? `${fmtNumber(total)} registrations${hidden ? " with a published outcome" : ""}${partial}; ${Math.round((noShow / total) * 100)}% of them ended as no-shows.`
      : "No exam registrations in this period.";
  return {
    id:
      fy !== undefined
        ? `exam-outcomes-${fy.toLowerCase()}`
        : cert === "all"
          ? "exam-outcomes"
          : `exam-outcomes-${cert.toLowerCase()}`,
    title: byResult ? `${what}s completed, passed or failed${when}` : `${what} registrations by outcome${when}`,
    takeaway,
    description: byResult
      ? `Stacked bar chart of completed exams per ${fy === undefined ? "fiscal year" : "certification"}, split into passed and failed. No-shows, cancellations and pending registrations are left out: in some ${fy === undefined ? "years" : "certifications"} they count fewer than 5 people, so they are published only at a coarser grain.`
      : `Stacked bar chart of exam registrations per ${fy === undefined ? "fiscal year" : "certification"}, split into passed, failed, no-show, cancelled and pending.`,
    columns,
    rows,
    spec: barSpec({
      band: { field: bandKey, title: fy === undefined ? "Fiscal year" : "Certification" },
      value: { field: "registrations", title: byResult ? "Completed exams" : "Registrations" },
      color: { field: "outcome", title: byResult ? "Result" : "Outcome", sort: outcomes.map((o) => LABEL[o]) },
      columns,
    }),
    sources: sourcesOf(agg.exams),
  };
}
