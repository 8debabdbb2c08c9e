/**
 * individual_exams: the exam records of both clusters (core/exams.ts, the same assembly as the worker's live answer)
 * with the pseudonymous user_id of the person. Legacy registrations come window by window with the scheduling and
 * result records of the same window (all three are windowed on EligibleAt), then Pearson registrations.
 */
import { type ExamRecord, legacyExam, legacyJoin, pearsonExam } from "#core/exams.ts";
import type { Row } from "#core/format.ts";
import { type KustoRecord, req } from "#core/kusto-cells.ts";
import { mappedBatches, type Uid, type Upstream } from "./common.ts";

export type ExamRow = Row & ExamRecord & { readonly user_id: string };

/** The record with the person's user_id, in the column order of individual_exams (spelled out: no rest/spread copy). */
const withUser = (user_id: string, e: ExamRecord): ExamRow => ({
  exam_id: e.exam_id,
  user_id,
  certification: e.certification,
  exam_source: e.exam_source,
  fiscal_year: e.fiscal_year,
  registered_at: e.registered_at,
  scheduled_at: e.scheduled_at,
  taken_at: e.taken_at,
  status: e.status,
  delivery: e.delivery,
  score: e.score,
  passed: e.passed,
});

/** One window's legacy registrations (eligibility ⋈ scheduling ⋈ results on EligibilityId). */
export function legacyRows(
  uid: Uid,
  eligibility: readonly KustoRecord[],
  scheduling: readonly KustoRecord[],
  results: readonly KustoRecord[],
): ExamRow[] {
  return legacyJoin(eligibility, scheduling, results, (e, s, r) =>
    withUser(uid(req(e.Email, "ExamEligibility.Email")), legacyExam(e, s, r)),
  );
}

/** One PearsonExamResults record as an individual_exams row. */
export function pearsonRow(uid: Uid, p: KustoRecord): ExamRow {
  return withUser(uid(req(p.CandidateEmail, "PearsonExamResults.CandidateEmail")), pearsonExam(p));
}

export const LEGACY_READS = ["exam_eligibility", "exam_scheduling", "exam_results"] as const;

/** Legacy registrations, one batch per window. */
export async function* legacyExams(upstream: Upstream, uid: Uid): AsyncGenerator<readonly ExamRow[]> {
  const [eligibility, scheduling, results] = LEGACY_READS;
  for await (const w of upstream.aligned(eligibility, [scheduling, results])) {
    yield legacyRows(uid, w.get(eligibility) ?? [], w.get(scheduling) ?? [], w.get(results) ?? []);
  }
}

/** Pearson registrations, in batches of at most BATCH_ROWS rows. */
export function pearsonExams(upstream: Upstream, uid: Uid): AsyncGenerator<readonly ExamRow[]> {
  return mappedBatches(upstream, "pearson_exam_results", (r) => pearsonRow(uid, r));
}

/** individual_exams: every registration of both clusters, in batches (one per window). */
export async function* individualExams(upstream: Upstream, uid: Uid): AsyncGenerator<readonly ExamRow[]> {
  yield* legacyExams(upstream, uid);
  yield* pearsonExams(upstream, uid);
}
