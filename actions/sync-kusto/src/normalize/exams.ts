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

/**
 * Which assembled exams a normalizer keeps: every one (individual_exams), or only those it needs (certified_users: the
 * passes). Every record is still read and refused alike — e-mail required, vocabularies checked — but a dropped exam
 * costs no pseudonym and no row.
 */
export type ExamFilter = (e: ExamRecord) => boolean;

/** One window's legacy registrations (eligibility ⋈ scheduling ⋈ results on EligibilityId), those `keep` keeps. */
export function legacyRows(
  uid: Uid,
  eligibility: readonly KustoRecord[],
  scheduling: readonly KustoRecord[],
  results: readonly KustoRecord[],
  keep?: ExamFilter,
): ExamRow[] {
  if (keep === undefined)
    return legacyJoin(eligibility, scheduling, results, (e, s, r) =>
      withUser(uid(req(e.Email, "ExamEligibility.Email")), legacyExam(e, s, r)),
    );
  const out: ExamRow[] = [];
  legacyJoin(eligibility, scheduling, results, (e, s, r) => {
    const email = req(e.Email, "ExamEligibility.Email");
    const exam = legacyExam(e, s, r);
    if (keep(exam)) out.push(withUser(uid(email), exam));
  });
  return out;
}

/** One PearsonExamResults record as an individual_exams row. */
export function pearsonRow(uid: Uid, p: KustoRecord): ExamRow {
  return withUser(uid(req(p.CandidateEmail, "PearsonExamResults.CandidateEmail")), pearsonExam(p));
}

export const LEGACY_READS = ["exam_eligibility", "exam_scheduling", "exam_results"] as const;

/** Legacy registrations (those `keep` keeps), one batch per window. */
export async function* legacyExams(
  upstream: Upstream,
  uid: Uid,
  keep?: ExamFilter,
): AsyncGenerator<readonly ExamRow[]> {
  const [eligibility, scheduling, results] = LEGACY_READS;
  for await (const w of upstream.aligned(eligibility, [scheduling, results])) {
    yield legacyRows(uid, w.get(eligibility) ?? [], w.get(scheduling) ?? [], w.get(results) ?? [], keep);
  }
}

/** Pearson registrations (those `keep` keeps), in batches of at most BATCH_ROWS records. */
export async function* pearsonExams(
  upstream: Upstream,
  uid: Uid,
  keep?: ExamFilter,
): AsyncGenerator<readonly ExamRow[]> {
  if (keep === undefined) {
    yield* mappedBatches(upstream, "pearson_exam_results", (r) => pearsonRow(uid, r));
    return;
  }
  const kept = (p: KustoRecord): ExamRow | undefined => {
    const email = req(p.CandidateEmail, "PearsonExamResults.CandidateEmail");
    const exam = pearsonExam(p);
    return keep(exam) ? withUser(uid(email), exam) : undefined;
  };
  for await (const batch of mappedBatches(upstream, "pearson_exam_results", kept))
    yield batch.filter((e): e is ExamRow => e !== undefined);
}

/** individual_exams: every registration of both clusters (or those `keep` keeps), in batches (one per window). */
export async function* individualExams(
  upstream: Upstream,
  uid: Uid,
  keep?: ExamFilter,
): AsyncGenerator<readonly ExamRow[]> {
  yield* legacyExams(upstream, uid, keep);
  yield* pearsonExams(upstream, uid, keep);
}
