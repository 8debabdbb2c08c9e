/**
 * Upstream exam rows → the worker's per-person exam records (the `individual_exams` fields, without the personal
 * `user_id`). Pure, so `scripts/build-worker-index.ts` and the live path produce the same shape.
 *
 * TODO(sync-kusto): replace these mappings by the sync's normalizers in `actions/sync-kusto/` once they land, so
 * the live path and the committed CSVs cannot drift.
 */
import type { KRow } from "./kusto/frames.ts";

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

/** Microsoft fiscal year (FY26 = 2025-07-01 … 2026-06-30). Same rule as actions/shared/fiscal.ts. */
export function fiscalYearOf(d: Date): string {
  const y = d.getUTCFullYear() + (d.getUTCMonth() >= 6 ? 1 : 0);
  return `FY${String(y % 100).padStart(2, "0")}`;
}

export function fiscalYearStart(d: Date): Date {
  const fy = Number(fiscalYearOf(d).slice(2)) + 2000;
  return new Date(Date.UTC(fy - 1, 6, 1));
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

const CERT_BY_NAME: Readonly<Record<string, string>> = {
  "github foundations": "GH-900",
  "github actions": "GH-200",
  "github copilot": "GH-300",
  "github advanced security": "GH-500",
  "github administration": "GH-100",
};

export function certificationOf(nameOrCode: string): string {
  const code = /GH-\d{3}/i.exec(nameOrCode)?.[0];
  return code?.toUpperCase() ?? CERT_BY_NAME[nameOrCode.trim().toLowerCase()] ?? nameOrCode;
}

export function statusOf(upstream: string): string {
  const s = upstream.replace(/[\s_-]/g, "").toLowerCase();
  if (s === "registered" || s === "eligible" || s === "") return "eligible";
  if (s === "noshow") return "no_show";
  if (s === "scheduled" || s === "completed" || s === "cancelled") return s;
  if (s === "canceled") return "cancelled";
  return s;
}

export function deliveryOf(upstream: string): string | null {
  const s = upstream.toLowerCase();
  if (s === "") return null;
  return /online|onvue/.test(s) ? "online" : "test_center";
}

const score = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null);

/** A PearsonExamResults row (person-pearson.kql projection). */
export function pearsonExam(r: KRow): ExamRecord {
  const registered = date(r.RegisteredAt) ?? new Date(0);
  const pf = text(r.PassFail).toLowerCase();
  return {
    exam_id: `P-${text(r.RegistrationId)}`,
    certification: certificationOf(text(r.ExamCode)),
    exam_source: "pearson",
    fiscal_year: fiscalYearOf(registered),
    registered_at: isoSeconds(registered),
    scheduled_at: iso(r.AppointmentAt),
    taken_at: iso(r.CompletedAt),
    status: statusOf(text(r.Status)),
    delivery: deliveryOf(text(r.DeliveryMode)),
    score: score(r.Score),
    passed: pf === "pass" ? true : pf === "fail" ? false : null,
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
      certification: certificationOf(text(e.ExamName)),
      exam_source: "legacy",
      fiscal_year: fiscalYearOf(registered),
      registered_at: isoSeconds(registered),
      scheduled_at: iso(s?.AppointmentAt),
      taken_at: iso(r?.TakenAt),
      status: r !== undefined ? "completed" : s !== undefined ? statusOf(text(s.State)) : "eligible",
      delivery: s === undefined ? null : deliveryOf(text(s.DeliveryType)),
      score: score(r?.ScoreValue),
      passed,
    };
  });
}

export function sortExams(exams: ExamRecord[]): ExamRecord[] {
  return exams.sort((a, b) =>
    a.registered_at === b.registered_at ? (a.exam_id < b.exam_id ? -1 : 1) : a.registered_at < b.registered_at ? -1 : 1,
  );
}
