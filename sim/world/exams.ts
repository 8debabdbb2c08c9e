/**
 * Exam facts of one person: registrations with their whole future (scheduling, cancellation, no-show, result),
 * and the as-of view of one registration. Legacy (gh-analytics, FY22–25) before 2025-07-01, Pearson after.
 */
import { type CertCode, EXAM_LAUNCH, EXAMS, PASS_SCORE } from "./catalog.ts";
import type { PersonCore } from "./person.ts";
import { personNumber } from "./person.ts";
import { type Rng, rng, STREAM } from "./rng.ts";
import { TIMELINE } from "./scales.ts";
import { DAY, HOUR, MINUTE, ms, sec } from "./time.ts";

export type ExamOutcome = "completed" | "no_show" | "cancelled" | "unscheduled";
export type ExamStatus = "eligible" | "scheduled" | "completed" | "no_show" | "cancelled";

export interface ExamFact {
  /** 0-based, chronological per person */
  readonly seq: number;
  /** upstream id: EligibilityId (legacy, E…) or RegistrationId (Pearson, R…) */
  readonly upstreamId: string;
  readonly source: "legacy" | "pearson";
  readonly cert: CertCode;
  readonly registeredAt: number;
  /** legacy Channel */
  readonly channel: string;
  /** when the appointment was booked */
  readonly scheduledAt: number | null;
  readonly appointmentAt: number | null;
  readonly delivery: "online" | "test_center" | null;
  readonly outcome: ExamOutcome;
  readonly cancelledAt: number | null;
  /** end of the exam (appointment + duration), completed only */
  readonly takenAt: number | null;
  readonly durationMs: number | null;
  readonly score: number | null;
  readonly passed: boolean | null;
}

/** The state of a registration as of `now` (null: it does not exist yet). */
export interface ExamAsOf {
  readonly status: ExamStatus;
  readonly scheduled: boolean;
  readonly completed: boolean;
}

export function examAsOf(e: ExamFact, now: number): ExamAsOf | null {
  if (e.registeredAt > now) return null;
  const scheduled = e.scheduledAt !== null && e.scheduledAt <= now;
  if (!scheduled) return { status: "eligible", scheduled: false, completed: false };
  if (e.outcome === "cancelled" && e.cancelledAt !== null && e.cancelledAt <= now) {
    return { status: "cancelled", scheduled: true, completed: false };
  }
  if (e.outcome === "completed" && e.takenAt !== null && e.takenAt <= now) {
    return { status: "completed", scheduled: true, completed: true };
  }
  if (e.outcome === "no_show" && e.appointmentAt !== null && e.appointmentAt + 4 * HOUR <= now) {
    return { status: "no_show", scheduled: true, completed: false };
  }
  return { status: "scheduled", scheduled: true, completed: false };
}

const CERT_COUNT_WEIGHTS = [0.03, 0.05, 0.1, 0.3, 0.52] as const;
const LAUNCH: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(EXAM_LAUNCH).map(([k, v]) => [k, ms(v)]),
);
const CHANNELS = ["Voucher", "Voucher", "Partner", "Event", "Self-pay"] as const;
const PEARSON_FROM = ms(TIMELINE.pearsonFrom);
const END = ms(TIMELINE.end);
const MAX_SEQ = 99;
const FIRST_WEIGHTS = EXAMS.map((e) => e.firstWeight);

/** Working hours appointment on the day of t. */
function appointmentTime(t: number, r: Rng): number {
  const day = Math.floor(t / DAY) * DAY;
  return day + r.int(7, 18) * HOUR + r.pick([0, 15, 30, 45]) * MINUTE;
}

type Draft = Omit<ExamFact, "seq" | "upstreamId" | "source">;
const NONE = {
  scheduledAt: null,
  appointmentAt: null,
  delivery: null,
  cancelledAt: null,
  takenAt: null,
  durationMs: null,
  score: null,
  passed: null,
} as const;

/** Registrations for one certification until passed or given up; returns the time the person moves on. */
function chain(r: Rng, cert: CertCode, start: number, out: Draft[]): number {
  const def = EXAMS.find((e) => e.code === cert);
  const passRate = def?.passRate ?? 0.6;
  let fails = 0;
  let t = start;
  for (let attempt = 0; attempt < 10; attempt++) {
    t = sec(Math.max(t, (LAUNCH[cert] ?? 0) + r.int(0, 30) * DAY + r.int(0, 86_399) * 1000));
    if (t > END) return t;
    const base = { cert, registeredAt: t, channel: r.pick(CHANNELS) };
    if (r.chance(0.06)) {
      out.push({ ...base, ...NONE, outcome: "unscheduled" });
      t += r.int(20, 90) * DAY;
      if (r.chance(0.6)) continue;
      return t;
    }
    const scheduledAt = sec(t + Math.max(10 * MINUTE, r.exp(5 * DAY)));
    const appointmentAt = appointmentTime(scheduledAt + r.int(3, 45) * DAY, r);
    const sched = { scheduledAt, appointmentAt, delivery: r.chance(0.62) ? "online" : "test_center" } as const;
    if (r.chance(0.08)) {
      const cancelledAt = sec(scheduledAt + r.next() * (appointmentAt - scheduledAt - HOUR));
      out.push({ ...base, ...NONE, ...sched, outcome: "cancelled", cancelledAt });
      t = cancelledAt + r.int(7, 60) * DAY;
      if (r.chance(0.6)) continue;
      return t;
    }
    if (r.chance(0.06)) {
      out.push({ ...base, ...NONE, ...sched, outcome: "no_show" });
      t = appointmentAt + r.int(14, 90) * DAY;
      if (r.chance(0.5)) continue;
      return t;
    }
    const durationMs = r.int(45, 120) * MINUTE + r.int(0, 59) * 1000;
    const passed = r.chance(Math.min(0.95, passRate + 0.1 * fails));
    const score = passed ? r.int(PASS_SCORE, 1000) : r.int(300, PASS_SCORE - 1);
    const takenAt = appointmentAt + durationMs;
    out.push({ ...base, ...sched, outcome: "completed", cancelledAt: null, takenAt, durationMs, score, passed });
    if (passed) return takenAt;
    fails++;
    if (!r.chance(0.85)) return takenAt;
    t = takenAt + r.int(14, 60) * DAY;
  }
  return t;
}

/** All registrations of a person over the whole timeline, chronological. `start`: when they may first register. */
export function examFacts(seed: number, core: PersonCore, start: number, registrant: boolean): ExamFact[] {
  if (!registrant) return [];
  const r = rng(seed, core.index, STREAM.exams);
  const certCount = 1 + r.weighted(CERT_COUNT_WEIGHTS);
  const plan: CertCode[] = [];
  const pool = [...EXAMS];
  for (let i = 0; i < certCount && pool.length > 0; i++) {
    const k = i === 0 ? r.weighted(FIRST_WEIGHTS) : r.int(0, pool.length - 1);
    const def = pool.splice(k, 1)[0];
    if (def) plan.push(def.code);
  }
  const drafts: Draft[] = [];
  let t = start;
  for (const cert of plan) t = chain(r, cert, t, drafts) + r.int(7, 60) * DAY;
  // renewals: a re-pass before expiry (two years after the pass) renews the certification
  for (let i = 0; i < drafts.length && drafts.length < MAX_SEQ; i++) {
    const d = drafts[i];
    if (!d?.passed || d.takenAt === null || !r.chance(0.7)) continue;
    chain(r, d.cert, d.takenAt + 2 * 365 * DAY - r.int(30, 180) * DAY, drafts);
  }
  drafts.sort((a, b) => a.registeredAt - b.registeredAt);
  const num = personNumber(core.index);
  return drafts.slice(0, MAX_SEQ + 1).map((d, seq) => {
    const source = d.registeredAt < PEARSON_FROM ? "legacy" : "pearson";
    return {
      ...d,
      seq,
      source,
      upstreamId: `${source === "legacy" ? "E" : "R"}${num}-${String(seq).padStart(2, "0")}`,
    };
  });
}
