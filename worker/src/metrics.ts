/**
 * The live headline metrics, computed from exam facts. Pure and shared: the live path feeds it normalized Kusto rows,
 * `scripts/build-worker-index.ts` feeds it the committed CSV rows to write the fallback copies.
 * Counts go through the aggregation's small-cell rule (`suppress`, `rate` in actions/shared/suppress.ts).
 */
import { type Cell, rate, suppress } from "../../actions/shared/suppress.ts";

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
}

function suppressCount(n: number): Cell {
  return suppress(n);
}

export type MetricBody = Readonly<Record<string, unknown>> & { readonly metric: MetricName };

function byCert(facts: readonly ExamFact[]): Map<string, ExamFact[]> {
  const m = new Map<string, ExamFact[]>();
  for (const f of facts) m.set(f.certification, [...(m.get(f.certification) ?? []), f]);
  return new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function examsFy(facts: readonly ExamFact[], fiscalYear: string): MetricBody {
  const inFy = facts.filter((f) => f.fiscal_year === fiscalYear);
  return {
    metric: "exams-fy",
    fiscal_year: fiscalYear,
    exams: suppressCount(inFy.length),
    by_certification: [...byCert(inFy)].map(([certification, xs]) => ({
      certification,
      exams: suppressCount(xs.length),
    })),
  };
}

export function passRate(facts: readonly ExamFact[], fiscalYear: string): MetricBody {
  const done = facts.filter((f) => f.fiscal_year === fiscalYear && f.completed);
  return {
    metric: "pass-rate",
    fiscal_year: fiscalYear,
    by_certification: [...byCert(done)].map(([certification, xs]) => {
      const completed = suppressCount(xs.length);
      const passed = suppressCount(xs.filter((f) => f.passed === true).length);
      return { certification, completed, passed, pass_rate: rate(passed, completed) };
    }),
  };
}

export function certifiedPeople(facts: readonly ExamFact[]): MetricBody {
  const people = new Set(facts.filter((f) => f.passed === true).map((f) => f.person));
  return { metric: "certified-people", certified_people: suppressCount(people.size) };
}

export function computeMetric(name: MetricName, facts: readonly ExamFact[], fiscalYear: string): MetricBody {
  if (name === "exams-fy") return examsFy(facts, fiscalYear);
  if (name === "pass-rate") return passRate(facts, fiscalYear);
  return certifiedPeople(facts);
}
