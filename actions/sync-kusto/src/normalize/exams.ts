/**
 * Exam registrations of both clusters as individual_exams rows: legacy eligibility ⋈ scheduling ⋈ results, joined
 * window by window on EligibilityId (all three are windowed on EligibleAt), then Pearson registrations.
 */

import { fiscalYear } from "#core/fiscal.ts";
import type { Row } from "#core/format.ts";
import { extractBatches, fetchBatch } from "../extract.ts";
import type { UpstreamRecord } from "../frames.ts";
import { bool, datetime, int, type NormalizeEnv, pseudonymizer, req, str } from "./common.ts";
import { CERTIFICATIONS, DELIVERY, LEGACY_EXAM, LEGACY_STATE, lookup, PASS_FAIL, PEARSON_STATUS } from "./vocab.ts";

export interface ExamRow extends Row {
  readonly exam_id: string;
  readonly user_id: string;
  readonly certification: string;
  readonly exam_source: string;
  readonly fiscal_year: string;
  readonly registered_at: string;
  readonly scheduled_at: string | null;
  readonly taken_at: string | null;
  readonly status: string;
  readonly delivery: string | null;
  readonly score: number | null;
  readonly passed: boolean | null;
}

function byId(records: readonly UpstreamRecord[]): Map<string, UpstreamRecord> {
  const m = new Map<string, UpstreamRecord>();
  for (const r of records) m.set(String(r.EligibilityId), r);
  return m;
}

/** Legacy registrations (gh-analytics). `onPerson` sees each row's upstream person key. */
export async function* legacyExams(
  env: NormalizeEnv,
  onPerson?: (email: string, at: string) => void,
): AsyncGenerator<ExamRow> {
  const uid = pseudonymizer(env.pseudonymKey);
  // Eligibility drives the windows (sized by its rows); scheduling and results are read for the very same window.
  for await (const elig of extractBatches(env, "exam_eligibility")) {
    const sched = byId((await fetchBatch(env, "exam_scheduling", elig.window)).records);
    const res = byId((await fetchBatch(env, "exam_results", elig.window)).records);
    for (const e of elig.records) {
      const id = req(e.EligibilityId, "ExamEligibility.EligibilityId");
      const email = req(e.Email, "ExamEligibility.Email");
      const registered = datetime(e.EligibleAt) ?? req(null, "ExamEligibility.EligibleAt");
      onPerson?.(email, registered);
      const s = sched.get(id);
      const r = res.get(id);
      const status = s ? lookup(LEGACY_STATE, str(s.State), "ExamScheduling.State") : "eligible";
      const delivery = s ? str(s.DeliveryType) : null;
      yield {
        exam_id: `L-${id}`,
        user_id: uid(email),
        certification: lookup(LEGACY_EXAM, str(e.ExamName), "ExamEligibility.ExamName"),
        exam_source: "legacy",
        fiscal_year: fiscalYear(registered),
        registered_at: registered,
        scheduled_at: s ? datetime(s.AppointmentAt) : null,
        taken_at: r ? datetime(r.TakenAt) : null,
        status,
        delivery: delivery === null ? null : lookup(DELIVERY, delivery, "ExamScheduling.DeliveryType"),
        score: r ? int(r.ScoreValue) : null,
        passed: r ? bool(r.Passed) : null,
      };
    }
  }
}

/** Pearson registrations (cse-analytics). */
export async function* pearsonExams(
  env: NormalizeEnv,
  onPerson?: (record: UpstreamRecord, email: string, at: string) => void,
): AsyncGenerator<ExamRow> {
  const uid = pseudonymizer(env.pseudonymKey);
  for await (const b of extractBatches(env, "pearson_exam_results")) {
    for (const p of b.records) {
      const email = req(p.CandidateEmail, "PearsonExamResults.CandidateEmail");
      const registered = datetime(p.RegisteredAt) ?? req(null, "PearsonExamResults.RegisteredAt");
      onPerson?.(p, email, registered);
      yield pearsonRow(uid, p);
    }
  }
}

/** One PearsonExamResults record as an individual_exams row. */
export function pearsonRow(uid: (email: string) => string, p: UpstreamRecord): ExamRow {
  const email = req(p.CandidateEmail, "PearsonExamResults.CandidateEmail");
  const registered = datetime(p.RegisteredAt) ?? req(null, "PearsonExamResults.RegisteredAt");
  const delivery = str(p.DeliveryMode);
  const passFail = str(p.PassFail);
  return {
    exam_id: `P-${req(p.RegistrationId, "PearsonExamResults.RegistrationId")}`,
    user_id: uid(email),
    certification: lookup(CERTIFICATIONS, str(p.ExamCode), "PearsonExamResults.ExamCode"),
    exam_source: "pearson",
    fiscal_year: fiscalYear(registered),
    registered_at: registered,
    scheduled_at: datetime(p.AppointmentAt),
    taken_at: datetime(p.CompletedAt),
    status: lookup(PEARSON_STATUS, str(p.Status), "PearsonExamResults.Status"),
    delivery: delivery === null ? null : lookup(DELIVERY, delivery, "PearsonExamResults.DeliveryMode"),
    score: int(p.Score),
    passed: passFail === null ? null : lookup(PASS_FAIL, passFail, "PearsonExamResults.PassFail"),
  };
}

/** individual_exams: every registration of both clusters. */
export async function* individualExams(env: NormalizeEnv): AsyncGenerator<ExamRow> {
  yield* legacyExams(env);
  yield* pearsonExams(env);
}
