/**
 * The worker's exam records: the rows come from core/exams.ts — the very functions the sync's individual_exams
 * normalizer calls, so the live answer and the committed CSV cannot drift. What is the worker's own is how an exam is
 * published (`exam_ref` instead of the upstream `exam_id`) and the fiscal-year helpers of its metrics; pure, so
 * `worker/build/assets.ts` and the live path produce the same shape.
 */
import type { ExamRecord } from "#core/exams.ts";
import { fiscalYear, fiscalYearRange } from "#core/fiscal.ts";

export { type ExamRecord, legacyExams, pearsonExam, sortExams } from "#core/exams.ts";

/** Microsoft fiscal year of a date: the one rule of core/fiscal.ts (Node-free, bundled). */
export const fiscalYearOf = (d: Date): string => fiscalYear(d);

export function fiscalYearStart(d: Date): Date {
  return fiscalYearRange(fiscalYear(d)).start;
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
