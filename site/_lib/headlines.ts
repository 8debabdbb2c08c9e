/**
 * Like-for-like headline figures. Each KPI card shows the value of the last *complete* period and its change from
 * the complete period before it — two spans of the same kind (fiscal year, quarter, month or ISO week), never the
 * current period to date against a whole previous one — and, apart and without a change, the current period to
 * date, labelled as such. Deltas are differences of two published cells: hidden when either is suppressed.
 */
import { fiscalQuarter, fiscalYear, fiscalYearRange } from "#core/fiscal.ts";
import type { Agg } from "./agg.ts";
import { type Cell, val } from "./cells.ts";
import { isoWeek } from "./periods.ts";

export type SpanKind = "fiscal year" | "fiscal quarter" | "month" | "ISO week";

export interface Span {
  readonly kind: SpanKind;
  readonly label: string;
  /** first and last day, inclusive (YYYY-MM-DD) */
  readonly start: string;
  readonly end: string;
}

export interface Figure {
  readonly value: number | null;
  readonly suppressed: boolean;
}

export interface Headline {
  readonly id: Agg["kpis"]["kpis"][number]["id"];
  readonly label: string;
  readonly unit: "int" | "dec1" | "pct";
  /** last complete period and the one before it */
  readonly current: Span;
  readonly previous: Span;
  readonly value: Figure;
  readonly before: Figure;
  /** value − before; null (with `suppressed`) when either is missing */
  readonly delta: Figure;
  /** the period not over yet, to date: shown apart, never compared */
  readonly toDate: { readonly span: Span; readonly through: string; readonly value: Figure } | null;
  /** the comparison in words, e.g. "FY26 compared with FY25 (complete fiscal years)" */
  readonly words: string;
}

const DAY = 86_400_000;
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function spanOf(kind: SpanKind, label: string): Span {
  if (kind === "fiscal year") {
    const r = fiscalYearRange(label);
    return { kind, label, start: iso(r.start.getTime()), end: iso(r.end.getTime() - DAY) };
  }
  if (kind === "fiscal quarter") {
    const [fy = "", q = "Q1"] = label.split("-");
    const start = fiscalYearRange(fy).start;
    const s = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3 * (Number(q.slice(1)) - 1), 1);
    const e = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3 * Number(q.slice(1)), 1) - DAY;
    return { kind, label, start: iso(s), end: iso(e) };
  }
  if (kind === "month") {
    const [y, m] = label.split("-").map(Number);
    const s = Date.UTC(y ?? 0, (m ?? 1) - 1, 1);
    return { kind, label, start: iso(s), end: iso(Date.UTC(y ?? 0, m ?? 1, 1) - DAY) };
  }
  // ISO week: Monday of week 1 is the Monday of the week holding 4 January
  const [y = 0, w = 1] = label.split("-W").map(Number);
  const jan4 = Date.UTC(y, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY + (w - 1) * 7 * DAY;
  return { kind, label, start: iso(monday), end: iso(monday + 6 * DAY) };
}

/** The span of `kind` containing `day`, and the one right before a span. */
export function spanAt(kind: SpanKind, day: string): Span {
  const d = new Date(`${day}T00:00:00Z`);
  if (kind === "fiscal year") return spanOf(kind, fiscalYear(d));
  if (kind === "fiscal quarter") return spanOf(kind, fiscalQuarter(d));
  if (kind === "month") return spanOf(kind, day.slice(0, 7));
  return spanOf(kind, isoWeek(d));
}

export function before(s: Span): Span {
  return spanAt(s.kind, iso(Date.parse(`${s.start}T00:00:00Z`) - DAY));
}

const PLURAL: Record<SpanKind, string> = {
  "fiscal year": "fiscal years",
  "fiscal quarter": "fiscal quarters",
  month: "months",
  "ISO week": "ISO weeks",
};

function fig(c: Cell | undefined, missingIsZero = false): Figure {
  if (c === undefined) return { value: missingIsZero ? 0 : null, suppressed: false };
  return { value: val(c), suppressed: c.suppressed };
}

function headline(
  id: Headline["id"],
  label: string,
  unit: Headline["unit"],
  kind: SpanKind,
  asOf: string,
  at: (label: string) => Figure,
): Headline {
  const through = asOf.slice(0, 10);
  const now = spanAt(kind, through);
  // the period containing as_of is complete only when as_of is its last day's end (never, with a time of day)
  const current = before(now);
  const previous = before(current);
  const value = at(current.label);
  const prev = at(previous.label);
  const delta: Figure =
    value.value !== null && prev.value !== null
      ? { value: Math.round((value.value - prev.value) * 1e4) / 1e4, suppressed: false }
      : { value: null, suppressed: value.suppressed || prev.suppressed };
  return {
    id,
    label,
    unit,
    current,
    previous,
    value,
    before: prev,
    delta,
    toDate: { span: now, through, value: at(now.label) },
    words: `${current.label} compared with ${previous.label} (complete ${PLURAL[kind]})`,
  };
}

/** The headline figures of the overview, from the aggregates' own series. */
export function headlines(agg: Agg): Headline[] {
  const label = (id: Headline["id"], fallback: string) => agg.kpis.kpis.find((k) => k.id === id)?.label ?? fallback;
  const certAll = agg.certifications.by_quarter.filter((r) => r.certification === "all");
  const examsAll = agg.exams.by_exam_year.filter((r) => r.certification === "all");
  const skills = agg.skills.by_month.filter((r) => r.course === "all");
  const products = agg.activity.product_by_month.filter((r) => r.product === "all");
  const asOf = agg.kpis.as_of;
  return [
    headline("certified_people", label("certified_people", "Certified people"), "int", "fiscal quarter", asOf, (p) =>
      fig(certAll.find((r) => r.period === p)?.cumulative),
    ),
    headline("exams_completed", label("exams_completed", "Exams completed"), "int", "fiscal year", asOf, (p) =>
      fig(examsAll.find((r) => r.fiscal_year === p)?.completed),
    ),
    headline("pass_rate", label("pass_rate", "Pass rate"), "pct", "fiscal year", asOf, (p) =>
      fig(examsAll.find((r) => r.fiscal_year === p)?.pass_rate),
    ),
    // months without enrollments are omitted from skills.json: they are zero
    headline("skills_enrollments", label("skills_enrollments", "Skills enrollments"), "int", "month", asOf, (p) =>
      fig(skills.find((r) => r.month === p)?.enrollments, true),
    ),
    headline(
      "copilot_avg_daily_active_users",
      label("copilot_avg_daily_active_users", "Copilot daily active users (average)"),
      "dec1",
      "ISO week",
      asOf,
      (p) => fig(agg.copilot.weeks.find((w) => w.week === p)?.avg_daily_active_users),
    ),
    headline(
      "product_active_people",
      label("product_active_people", "People active in GitHub products"),
      "int",
      "month",
      asOf,
      (p) => fig(products.find((r) => r.month === p)?.active_people),
    ),
  ];
}
