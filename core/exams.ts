/**
 * Exam registrations of both clusters as exam records (the `individual_exams` fields without the personal
 * `user_id`): the one assembly of the rows, used by the sync's normalizers (which add `user_id` and write the
 * committed CSV) and by the worker's live answer, so the two cannot drift. Pure: upstream records in, records out.
 *
 * - Pearson (cse-analytics): one PearsonExamResults record is one registration.
 * - Legacy (gh-analytics): an ExamEligibility record joined with its ExamScheduling and ExamResults records on
 *   EligibilityId (no scheduling record: `eligible`; no result record: no score, `passed` unknown).
 * Unknown vocabulary values and empty required values throw an UpstreamValueError (./kusto-cells.ts).
 */
import { fiscalYear } from "./fiscal.ts";
import { bool, datetime, int, type KustoRecord, req, reqDatetime, str } from "./kusto-cells.ts";
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

function delivery(v: KustoRecord[string] | undefined, what: string): string | null {
  const d = str(v);
  return d === null ? null : lookup(DELIVERY, d, what);
}

/** One PearsonExamResults record. */
export function pearsonExam(p: KustoRecord): ExamRecord {
  const registered = reqDatetime(p.RegisteredAt, "PearsonExamResults.RegisteredAt");
  const passFail = str(p.PassFail);
  return {
    exam_id: `P-${req(p.RegistrationId, "PearsonExamResults.RegistrationId")}`,
    certification: lookup(CERTIFICATIONS, str(p.ExamCode), "PearsonExamResults.ExamCode"),
    exam_source: "pearson",
    fiscal_year: fiscalYear(registered),
    registered_at: registered,
    scheduled_at: datetime(p.AppointmentAt),
    taken_at: datetime(p.CompletedAt),
    status: lookup(PEARSON_STATUS, str(p.Status), "PearsonExamResults.Status"),
    delivery: delivery(p.DeliveryMode, "PearsonExamResults.DeliveryMode"),
    score: int(p.Score),
    passed: passFail === null ? null : lookup(PASS_FAIL, passFail, "PearsonExamResults.PassFail"),
  };
}

/** One legacy registration: its eligibility record with its scheduling and result records, when there are any. */
export function legacyExam(e: KustoRecord, s: KustoRecord | undefined, r: KustoRecord | undefined): ExamRecord {
  const id = req(e.EligibilityId, "ExamEligibility.EligibilityId");
  const registered = reqDatetime(e.EligibleAt, "ExamEligibility.EligibleAt");
  return {
    exam_id: `L-${id}`,
    certification: lookup(LEGACY_EXAM, str(e.ExamName), "ExamEligibility.ExamName"),
    exam_source: "legacy",
    fiscal_year: fiscalYear(registered),
    registered_at: registered,
    scheduled_at: s ? datetime(s.AppointmentAt) : null,
    taken_at: r ? datetime(r.TakenAt) : null,
    status: s ? lookup(LEGACY_STATE, str(s.State), "ExamScheduling.State") : "eligible",
    delivery: s ? delivery(s.DeliveryType, "ExamScheduling.DeliveryType") : null,
    score: r ? int(r.ScoreValue) : null,
    passed: r ? bool(r.Passed) : null,
  };
}

function byEligibilityId(records: readonly KustoRecord[]): Map<string, KustoRecord> {
  const m = new Map<string, KustoRecord>();
  for (const r of records) m.set(String(r.EligibilityId), r);
  return m;
}

/**
 * The legacy join: each eligibility record with its scheduling and result records (on EligibilityId), made into a
 * row by `row`, in eligibility order.
 */
export function legacyJoin<T>(
  eligibility: readonly KustoRecord[],
  scheduling: readonly KustoRecord[],
  results: readonly KustoRecord[],
  row: (e: KustoRecord, s: KustoRecord | undefined, r: KustoRecord | undefined) => T,
): T[] {
  const sched = byEligibilityId(scheduling);
  const res = byEligibilityId(results);
  return eligibility.map((e) => {
    const id = req(e.EligibilityId, "ExamEligibility.EligibilityId");
    return row(e, sched.get(id), res.get(id));
  });
}

/** Legacy registrations: eligibility ⋈ scheduling ⋈ results. */
export function legacyExams(
  eligibility: readonly KustoRecord[],
  scheduling: readonly KustoRecord[],
  results: readonly KustoRecord[],
): ExamRecord[] {
  return legacyJoin(eligibility, scheduling, results, legacyExam);
}

/** A person's exams by registration time, then exam id. */
export function sortExams<T extends ExamRecord>(exams: T[]): T[] {
  return exams.sort((a, b) =>
    a.registered_at === b.registered_at ? (a.exam_id < b.exam_id ? -1 : 1) : a.registered_at < b.registered_at ? -1 : 1,
  );
}
