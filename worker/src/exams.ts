/**
 * Upstream exam rows → the worker's per-person exam records (the `individual_exams` fields, without the personal
 * `user_id`). Pure, so `scripts/build-worker-index.ts` and the live path produce the same shape.
 *
 * Row assembly mirrors the sync's normalizers (actions/sync-kusto/src/normalize/exams.ts: same fields, same rules),
 * with its vocabularies (./vocab.ts, checked against the sync's by the index build).
 */
import { fiscalYear, fiscalYearRange } from "#core/fiscal.ts";
import type { KRow } from "./kusto/frames.ts";
import { CERTIFICATIONS, DELIVERY, LEGACY_EXAM, LEGACY_STATE, lookup, PASS_FAIL, PEARSON_STATUS } from "./vocab.ts";

export interface ExamRecord {
  readonly exam_id: string;
  readonly certification: string;
  readonly exam_source: "legacy" | "pearson";
  readonly fiscal_year: string;
  readonly registered_at: string;
  readonly scheduled_at: string | null;
  readonly taken_at: string | null;
  readonly status: string;
  readonly delivery: string | null;
  readonly score: number | null;
  readonly passed: boolean | null;
}

/** Microsoft fiscal year of a date: the one rule of core/fiscal.ts (Node-free, bundled). */
export const fiscalYearOf = (d: Date): string => fiscalYear(d);

export function fiscalYearStart(d: Date): Date {
  return fiscalYearRange(fiscalYear(d)).start;
}

/** `YYYY-MM-DDTHH:MM:SSZ` like the committed CSVs. */
export function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

const date = (v: unknown): Date | null => (v instanceof Date ? v : null);
const text = (v: unknown): string => (typeof v === "string" ? v : "");
const iso = (v: unknown): string | null => {
  const d = date(v);
  return d === null ? null : isoSeconds(d);
};

const opt = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

const score = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null);

function delivery(v: unknown, what: string): string | null {
  const d = opt(v);
  return d === null ? null : lookup(DELIVERY, d, what);
}

/** A PearsonExamResults row (person-pearson.kql projection). */
export function pearsonExam(r: KRow): ExamRecord {
  const registered = date(r.RegisteredAt) ?? new Date(0);
  const pf = opt(r.PassFail);
  return {
    exam_id: `P-${text(r.RegistrationId)}`,
    certification: lookup(CERTIFICATIONS, opt(r.ExamCode), "PearsonExamResults.ExamCode"),
    exam_source: "pearson",
    fiscal_year: fiscalYearOf(registered),
    registered_at: isoSeconds(registered),
    scheduled_at: iso(r.AppointmentAt),
    taken_at: iso(r.CompletedAt),
    status: lookup(PEARSON_STATUS, opt(r.Status), "PearsonExamResults.Status"),
    delivery: delivery(r.DeliveryMode, "PearsonExamResults.DeliveryMode"),
    score: score(r.Score),
    passed: pf === null ? null : lookup(PASS_FAIL, pf, "PearsonExamResults.PassFail"),
  };
}

/** Legacy registration = eligibility row + its scheduling and result rows (matched by EligibilityId). */
export function legacyExams(
  eligibility: readonly KRow[],
  scheduling: readonly KRow[],
  results: readonly KRow[],
): ExamRecord[] {
  const sched = new Map(scheduling.map((r) => [text(r.EligibilityId), r]));
  const res = new Map(results.map((r) => [text(r.EligibilityId), r]));
  return eligibility.map((e) => {
    const id = text(e.EligibilityId);
    const s = sched.get(id);
    const r = res.get(id);
    const registered = date(e.EligibleAt) ?? new Date(0);
    const passed = typeof r?.Passed === "boolean" ? r.Passed : null;
    return {
      exam_id: `L-${id}`,
      certification: lookup(LEGACY_EXAM, opt(e.ExamName), "ExamEligibility.ExamName"),
      exam_source: "legacy",
      fiscal_year: fiscalYearOf(registered),
      registered_at: isoSeconds(registered),
      scheduled_at: iso(s?.AppointmentAt),
      taken_at: iso(r?.TakenAt),
      status: s === undefined ? "eligible" : lookup(LEGACY_STATE, opt(s.State), "ExamScheduling.State"),
      delivery: s === undefined ? null : delivery(s.DeliveryType, "ExamScheduling.DeliveryType"),
      score: r === undefined ? null : score(r.ScoreValue),
      passed: r === undefined ? null : passed,
    };
  });
}

/**
 * What the worker publishes for one exam (answers and the per-person index, which leave the private repository): the
 * record without the upstream `exam_id`, with `exam_ref` instead — the source letter and the exam's ordinal in the
 * person's history sorted by registration (`P-002`). It identifies an exam within one answer and nothing upstream.
 */
export type PublicExam = { readonly exam_ref: string } & Omit<ExamRecord, "exam_id">;

/** `sorted` (sortExams order) as published: exam_id replaced by the per-person ordinal exam_ref. */
export function publicExams(sorted: readonly ExamRecord[]): PublicExam[] {
  return sorted.map(({ exam_id: _upstream, ...rest }, i) => ({
    exam_ref: `${rest.exam_source === "legacy" ? "L" : "P"}-${String(i + 1).padStart(3, "0")}`,
    ...rest,
  }));
}

export function sortExams(exams: ExamRecord[]): ExamRecord[] {
  return exams.sort((a, b) =>
    a.registered_at === b.registered_at ? (a.exam_id < b.exam_id ? -1 : 1) : a.registered_at < b.registered_at ? -1 : 1,
  );
}
