/**
 * Goldens of the person datasets, rendered straight from the facts (independently of any sync normalizer):
 * unified_users, individual_exams, certified_users, product_usage, learning_activity, journey_complete.
 * Each builder computes only what its dataset needs (scale M streams every person once per dataset).
 */
import { fiscalYear } from "#core/fiscal.ts";
import type { Row } from "#core/format.ts";
import { COUNTRY_REGION } from "./catalog.ts";
import { examAsOf } from "./exams.ts";
import type { PersonFacts } from "./facts.ts";
import type { LearnerRepoFact } from "./social.ts";
import { isoDay, isoSec, monthStart, nextMonth } from "./time.ts";

/** The person is in unified_users as of now (Users row, or any Pearson registration). */
export function isVisible(p: PersonFacts, now: number): boolean {
  if (p.core.t0 > now) return false;
  if (p.inUsers) return true;
  return p.exams.some((e) => e.source === "pearson" && e.registeredAt <= now);
}

function twoYearsLater(t: number): number {
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() + 2);
  return d.getTime();
}

function minOf(values: readonly string[]): string | null {
  let m: string | null = null;
  for (const v of values) if (m === null || v < m) m = v;
  return m;
}

export function examRows(p: PersonFacts, userId: string, now: number): Row[] {
  const out: Row[] = [];
  for (const e of p.exams) {
    const s = examAsOf(e, now);
    if (!s) continue;
    out.push({
      exam_id: `${e.source === "legacy" ? "L" : "P"}-${e.upstreamId}`,
      user_id: userId,
      certification: e.cert,
      exam_source: e.source,
      fiscal_year: fiscalYear(new Date(e.registeredAt)),
      registered_at: isoSec(e.registeredAt),
      scheduled_at: s.scheduled && e.appointmentAt !== null ? isoSec(e.appointmentAt) : null,
      taken_at: s.completed && e.takenAt !== null ? isoSec(e.takenAt) : null,
      status: s.status,
      delivery: s.scheduled ? e.delivery : null,
      score: s.completed ? e.score : null,
      passed: s.completed ? e.passed : null,
    });
  }
  return out;
}

/** certified_users from the person's exam rows: first pass per certification, expiry 2 years after the last pass. */
export function certifiedRows(exams: readonly Row[]): Row[] {
  const passes = new Map<string, { first: Row; last: string }>();
  for (const r of exams) {
    if (r.passed !== true || typeof r.taken_at !== "string") continue;
    const cert = String(r.certification);
    const prev = passes.get(cert);
    if (!prev) passes.set(cert, { first: r, last: r.taken_at });
    else if (r.taken_at > prev.last) prev.last = r.taken_at;
  }
  return [...passes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([cert, { first, last }]) => ({
      user_id: first.user_id ?? "",
      certification: cert,
      certified_at: first.taken_at ?? "",
      expires_at: isoSec(twoYearsLater(Date.parse(last))),
      fiscal_year: fiscalYear(String(first.taken_at)),
      exam_source: first.exam_source ?? "",
      exam_id: first.exam_id ?? "",
    }));
}

export function usageRows(p: PersonFacts, userId: string, now: number): Row[] {
  const out: Row[] = [];
  for (const u of p.usage) {
    if (nextMonth(u.month) > now) break;
    out.push({
      user_id: userId,
      month: isoDay(u.month),
      product: u.product,
      active_days: u.activeDays,
      events: u.events,
    });
  }
  return out;
}

export function learningRows(p: PersonFacts, userId: string, now: number): Row[] {
  const days = new Map<string, { type: string; completed: boolean }>();
  for (const l of p.learning) {
    if (l.t > now) break;
    const k = `${isoDay(l.t)}|${l.itemId}`;
    const prev = days.get(k);
    days.set(k, { type: l.itemType, completed: (prev?.completed ?? false) || l.completed });
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => {
      const [date = "", item = ""] = k.split("|");
      return { user_id: userId, date, item_id: item, item_type: v.type, completed: v.completed };
    });
}

export function unifiedRow(p: PersonFacts, userId: string, now: number): Row {
  const c = p.core;
  let first = p.inUsers ? c.t0 : Number.POSITIVE_INFINITY;
  let exams = false;
  for (const e of p.exams) {
    if (e.registeredAt > now) break;
    exams = true;
    first = Math.min(first, e.registeredAt);
  }
  const l = p.learning[0];
  const learning = l !== undefined && l.t <= now;
  if (l && learning) first = Math.min(first, l.t);
  const u = p.usage[0];
  const product = u !== undefined && nextMonth(u.month) <= now;
  if (u && product) first = Math.min(first, u.month);
  return {
    user_id: userId,
    github_login: c.login,
    first_seen_at: isoSec(first),
    country: c.country === "" ? null : c.country,
    region: COUNTRY_REGION[c.country] ?? "UNKNOWN",
    touched_learning: learning,
    touched_exams: exams,
    touched_product: product,
  };
}

const STAGES = ["learning", "skills", "registered", "examined", "certified", "product"] as const;

/** The five person datasets of one person, journey_complete derived from the other four rows. */
export interface PersonBundle {
  readonly unified: Row;
  readonly certified: readonly Row[];
  readonly usage: readonly Row[];
  readonly learning: readonly Row[];
  readonly journey: Row;
}

export function personBundle(
  p: PersonFacts,
  userId: string,
  repos: readonly LearnerRepoFact[],
  now: number,
): PersonBundle {
  const learning = learningRows(p, userId, now);
  const exams = examRows(p, userId, now);
  const certified = certifiedRows(exams);
  const usage = usageRows(p, userId, now);
  const unified = unifiedRow(p, userId, now);
  return {
    unified,
    certified,
    usage,
    learning,
    journey: journeyFromRows(unified, learning, repos, exams, certified, usage, now),
  };
}

/** journey_complete, derived from the person's other golden rows exactly as its schema says. */
export function journeyFromRows(
  unified: Row,
  learning: readonly Row[],
  repos: readonly LearnerRepoFact[],
  exams: readonly Row[],
  certified: readonly Row[],
  usage: readonly Row[],
  now: number,
): Row {
  const skills = repos.filter((r) => !r.private && r.createdAt <= now).map((r) => isoDay(r.createdAt));
  const firstCert = minOf(certified.map((r) => String(r.certified_at).slice(0, 10)));
  const certMonth = firstCert === null ? null : isoDay(monthStart(Date.parse(`${firstCert}T00:00:00Z`)));
  const dates = [
    minOf(learning.map((r) => String(r.date))),
    minOf(skills),
    minOf(exams.map((r) => String(r.registered_at).slice(0, 10))),
    minOf(exams.filter((r) => r.taken_at !== null).map((r) => String(r.taken_at).slice(0, 10))),
    firstCert,
    certMonth === null ? null : minOf(usage.map((r) => String(r.month)).filter((m) => m >= certMonth)),
  ] as const;
  let stage = "none";
  for (let i = 0; i < STAGES.length; i++) if (dates[i] !== null) stage = STAGES[i] ?? stage;
  return {
    user_id: unified.user_id ?? "",
    github_login: unified.github_login ?? null,
    first_learning_on: dates[0],
    first_skills_on: dates[1],
    first_registration_on: dates[2],
    first_exam_on: dates[3],
    first_certification_on: dates[4],
    first_product_use_after_cert_on: dates[5],
    current_stage: stage,
  };
}
