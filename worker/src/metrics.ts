/**
 * The live headline metrics, computed from exam facts. Pure and shared: the live path feeds it normalized Kusto rows,
 * `worker/build/assets.ts` feeds it the committed CSV rows to write the fallback copies.
 *
 * Privacy (docs/privacy.md): the answers are public and polled, so
 *  - they are period-closed: every figure counts what happened before the first day of the current month (`through`
 *    is the last closed day), so polls within a month see the same numbers and one person's exam today moves nothing;
 *  - each month's figures go through the aggregation's small-cell rule with complementary suppression over the
 *    relations a reader can use (total = Σ certifications; registrations = completed + not completed; completed =
 *    passed + failed), and month over month a figure is published only when it moved by 0 or ≥ 5 since it was last
 *    shown (decided month by month from the start of the period, so a figure once shown is never hidden later).
 */
import type { ExamRecord } from "#core/exams.ts";
import { fiscalYear } from "#core/fiscal.ts";
import { type Cell, isSmall, newBook, protect, put, rate, SUPPRESSED, visible } from "#core/suppress.ts";

export const METRIC_NAMES = ["exams-fy", "pass-rate", "certified-people"] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export function isMetricName(name: string): name is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(name);
}

export interface ExamFact {
  /** normalized person key (e-mail) or pseudonymous user_id: only counted, never output */
  readonly person: string;
  readonly certification: string;
  readonly fiscal_year: string;
  readonly completed: boolean;
  readonly passed: boolean | null;
  /** registration time (ISO), "" when unknown (never counted) */
  readonly registered_at: string;
  /** when the exam was completed (ISO); null when not completed or unknown (then the registration time) */
  readonly completed_at: string | null;
}

/**
 * The fact of one exam record (core/exams.ts: the live record, or an individual_exams row of the committed CSV, which
 * the sync assembled with the same functions): completed means status `completed`.
 */
export function examFact(
  person: string,
  e: Pick<ExamRecord, "certification" | "fiscal_year" | "status" | "passed" | "registered_at" | "taken_at">,
): ExamFact {
  return {
    person,
    certification: e.certification,
    fiscal_year: e.fiscal_year,
    completed: e.status === "completed",
    passed: e.passed,
    registered_at: e.registered_at,
    completed_at: e.taken_at,
  };
}

export type MetricBody = Readonly<Record<string, unknown>> & { readonly metric: MetricName };

/** `YYYY-MM` of an ISO time. */
const monthOf = (iso: string): string => iso.slice(0, 7);

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y ?? 1970, m ?? 1, 1));
  return d.toISOString().slice(0, 7);
}

/** The last closed day: the day before the first of `now`'s month. */
export function throughDay(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
}

/** Months from `first` to `last` inclusive (YYYY-MM). */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

interface Counts {
  readonly values: Map<string, number>;
  readonly groups: { total: string; members: string[] }[];
}

/**
 * Month-by-month protection of cumulative figures: `at(month)` gives the cells as of the end of that month; the
 * result is the published cells of the last month. A figure is hidden in a month when it is small, when it moved by
 * 1–4 since it was last shown, or as a complement (protect()).
 */
export function protectSeries(months: readonly string[], at: (month: string) => Counts): Map<string, Cell> {
  const lastShown = new Map<string, number>();
  let out = new Map<string, Cell>();
  for (const month of months) {
    const { values, groups } = at(month);
    const book = newBook();
    for (const [k, v] of values) put(book, k, v);
    book.groups.push(...groups);
    const moved = [...values].filter(([k, v]) => isSmall(v - (lastShown.get(k) ?? 0))).map(([k]) => k);
    const hidden = protect(book, moved);
    out = new Map();
    for (const [k, v] of values) {
      if (hidden.has(k)) out.set(k, SUPPRESSED);
      else {
        out.set(k, visible(v));
        lastShown.set(k, v);
      }
    }
  }
  return out;
}

const byCert = (facts: readonly ExamFact[]) => [...new Set(facts.map((f) => f.certification))].sort();

/** The fiscal-year figures (exams-fy and pass-rate share one protection: they are read together). */
function fiscalYearCells(facts: readonly ExamFact[], now: Date) {
  const through = throughDay(now);
  const fy = fiscalYear(new Date(`${through}T00:00:00Z`));
  const inFy = facts.filter((f) => f.fiscal_year === fy && f.registered_at !== "");
  const certs = byCert(inFy.filter((f) => monthOf(f.registered_at) <= monthOf(through)));
  const first = [monthOf(through), ...inFy.map((f) => monthOf(f.registered_at))].sort()[0] ?? monthOf(through);
  const at = (month: string): Counts => {
    const values = new Map<string, number>();
    const inc = (k: string) => values.set(k, (values.get(k) ?? 0) + 1);
    for (const k of [
      "exams|all",
      ...certs.flatMap((c) => ["exams", "completed", "passed", "failed", "open"].map((m) => `${m}|${c}`)),
    ])
      values.set(k, 0);
    for (const f of inFy) {
      if (monthOf(f.registered_at) > month || !certs.includes(f.certification)) continue;
      inc("exams|all");
      inc(`exams|${f.certification}`);
      const done = f.completed && monthOf(f.completed_at ?? f.registered_at) <= month;
      if (!done) inc(`open|${f.certification}`);
      else {
        inc(`completed|${f.certification}`);
        inc(`${f.passed === true ? "passed" : "failed"}|${f.certification}`);
      }
    }
    const groups = [{ total: "exams|all", members: certs.map((c) => `exams|${c}`) }];
    for (const c of certs) {
      groups.push({ total: `exams|${c}`, members: [`completed|${c}`, `open|${c}`] });
      groups.push({ total: `completed|${c}`, members: [`passed|${c}`, `failed|${c}`] });
    }
    return { values, groups };
  };
  const cells = protectSeries(monthsBetween(first, monthOf(through)), at);
  const cell = (k: string): Cell => cells.get(k) ?? visible(0);
  return { fy, through, certs, cell };
}

export function examsFy(facts: readonly ExamFact[], now: Date): MetricBody {
  const { fy, through, certs, cell } = fiscalYearCells(facts, now);
  return {
    metric: "exams-fy",
    fiscal_year: fy,
    through,
    exams: cell("exams|all"),
    by_certification: certs.map((certification) => ({ certification, exams: cell(`exams|${certification}`) })),
  };
}

export function passRate(facts: readonly ExamFact[], now: Date): MetricBody {
  const { fy, through, certs, cell } = fiscalYearCells(facts, now);
  return {
    metric: "pass-rate",
    fiscal_year: fy,
    through,
    by_certification: certs.map((certification) => {
      const completed = cell(`completed|${certification}`);
      const passed = cell(`passed|${certification}`);
      return { certification, completed, passed, pass_rate: rate(passed, completed) };
    }),
  };
}

export function certifiedPeople(facts: readonly ExamFact[], now: Date): MetricBody {
  const through = throughDay(now);
  const firstPass = new Map<string, string>();
  for (const f of facts) {
    if (f.passed !== true) continue;
    const m = monthOf(f.completed_at ?? f.registered_at);
    if (m === "") continue;
    const old = firstPass.get(f.person);
    if (old === undefined || m < old) firstPass.set(f.person, m);
  }
  const months = [...firstPass.values()].sort();
  const first = months[0] ?? monthOf(through);
  const cells = protectSeries(monthsBetween(first, monthOf(through)), (month) => ({
    values: new Map([["certified", months.filter((m) => m <= month).length]]),
    groups: [],
  }));
  return { metric: "certified-people", through, certified_people: cells.get("certified") ?? visible(0) };
}

export function computeMetric(name: MetricName, facts: readonly ExamFact[], now: Date): MetricBody {
  if (name === "exams-fy") return examsFy(facts, now);
  if (name === "pass-rate") return passRate(facts, now);
  return certifiedPeople(facts, now);
}
