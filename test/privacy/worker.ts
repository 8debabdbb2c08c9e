/**
 * The worker's public metrics as an outsider collects them: computed with the worker's own functions
 * (worker/src/metrics.ts) from exam facts, at several moments, and turned into audit cells and relations.
 * Snapshots: the previous month's answer (what the worker showed all last month), the answer of the night before,
 * and tonight's. Between two snapshots of the same fiscal year every figure can only grow, and the growth itself
 * is a count of people (a `difference` cell: exposed when it is pinned near 1–4).
 */

import { readDataset } from "#core/csv.ts";
import { fiscalYear } from "#core/fiscal.ts";
import { getSchema } from "#core/schema.ts";
import type { Cell } from "#core/suppress.ts";
import { type AuditSystem, addCell, leqRelation, sumRelation } from "../../actions/aggregate/src/audit/solve.ts";
import { createWorld } from "../../sim/world/index.ts";
import { computeMetric, type ExamFact, METRIC_NAMES, type MetricBody, throughDay } from "../../worker/src/metrics.ts";

type Row = Readonly<Record<string, unknown>>;

const str = (v: unknown): string | null =>
  typeof v === "string" && v !== "" ? v : v instanceof Date ? v.toISOString() : null;

/** One individual_exams row → the fact the worker's fallback builds (worker/build/assets.ts). */
export function factOf(r: Row): ExamFact {
  const passed =
    typeof r.passed === "boolean" ? r.passed : r.passed === "true" ? true : r.passed === "false" ? false : null;
  return {
    person: str(r.user_id) ?? "",
    certification: str(r.certification) ?? "",
    fiscal_year: str(r.fiscal_year) ?? "",
    completed: r.status === "completed",
    passed,
    registered_at: str(r.registered_at) ?? "",
    completed_at: str(r.taken_at),
  };
}

/**
 * Keeps only the facts the worker's metrics can count at moments in fiscal years `years`: every fact of those years
 * (exams-fy, pass-rate), and of the other years each person's earliest pass (certified-people counts first passes
 * only). The metrics answer exactly as over all facts, from a fraction of them: at scale M the audit no longer holds
 * two million facts (docs/privacy.md).
 */
export function factKeeper(years: ReadonlySet<string>) {
  const kept: ExamFact[] = [];
  const firstPass = new Map<string, ExamFact>();
  const passMonth = (f: ExamFact) => (f.completed_at ?? f.registered_at).slice(0, 7);
  return {
    add(f: ExamFact): void {
      if (years.has(f.fiscal_year)) kept.push(f);
      else if (f.passed === true && passMonth(f) !== "") {
        const old = firstPass.get(f.person);
        if (old === undefined || passMonth(f) < passMonth(old)) firstPass.set(f.person, f);
      }
    },
    facts: (): ExamFact[] => [...kept, ...firstPass.values()],
  };
}

/** `years` = the fiscal years of the moments the facts will be asked about; undefined keeps every fact. */
export async function factsFromDir(dataDir: string, years?: ReadonlySet<string>): Promise<ExamFact[]> {
  const out: ExamFact[] = [];
  const keep = years === undefined ? null : factKeeper(years);
  for await (const r of readDataset(dataDir, getSchema("individual_exams"))) {
    if (keep === null) out.push(factOf(r));
    else keep.add(factOf(r));
  }
  return keep === null ? out : keep.facts();
}

/** The world's individual_exams at another `now` (same seed and scale as the data under audit). */
export function factsFromWorld(opts: {
  scale: string;
  seed: number;
  now: Date;
  years?: ReadonlySet<string>;
}): ExamFact[] {
  const world = createWorld({ scale: opts.scale, seed: opts.seed, now: opts.now });
  const out: ExamFact[] = [];
  const keep = opts.years === undefined ? null : factKeeper(opts.years);
  for (const r of world.goldens.rows("individual_exams")) {
    if (keep === null) out.push(factOf(r as Row));
    else keep.add(factOf(r as Row));
  }
  return keep === null ? out : keep.facts();
}

/** The fiscal years the worker's metrics count at these moments. */
export function metricYears(moments: readonly Date[]): Set<string> {
  return new Set(moments.map((m) => fiscalYear(new Date(`${throughDay(m)}T00:00:00Z`))));
}

export interface Snapshot {
  readonly label: string;
  readonly metrics: readonly MetricBody[];
}

export function snapshot(label: string, facts: readonly ExamFact[], now: Date): Snapshot {
  return { label, metrics: METRIC_NAMES.map((m) => computeMetric(m, facts, now)) };
}

const asCell = (v: unknown): Cell => {
  const c = v as Cell;
  return { value: c.value, suppressed: c.suppressed };
};
const cellValue = (c: Cell): number | null => (c.suppressed ? null : (c.value ?? 0));

interface Figures {
  /** figure id (stable across snapshots of the same period) → audit cell id */
  readonly ids: Map<string, string>;
  readonly fy: string;
  cells: number;
  suppressed: number;
}

/** Registers one snapshot's figures and the relations inside it. */
export function addSnapshot(sys: AuditSystem, s: Snapshot): Figures {
  const figures: Figures = { ids: new Map(), fy: "", cells: 0, suppressed: 0 };
  const put = (figure: string, raw: unknown): string => {
    const c = asCell(raw);
    const id = addCell(sys, `worker:${s.label}:${figure}`, cellValue(c));
    figures.ids.set(figure, id);
    figures.cells++;
    if (c.suppressed) figures.suppressed++;
    return id;
  };
  for (const m of s.metrics) {
    const byCert = (m.by_certification ?? []) as readonly Record<string, unknown>[];
    if (m.metric === "exams-fy") {
      (figures as { fy: string }).fy = String(m.fiscal_year);
      const total = put("exams-fy.exams", m.exams);
      sumRelation(
        sys,
        total,
        byCert.map((r) => put(`exams-fy[${String(r.certification)}].exams`, r.exams)),
      );
    } else if (m.metric === "pass-rate") {
      for (const r of byCert) {
        const cert = String(r.certification);
        const completed = put(`pass-rate[${cert}].completed`, r.completed);
        const passed = put(`pass-rate[${cert}].passed`, r.passed);
        leqRelation(sys, passed, completed);
        const exams = figures.ids.get(`exams-fy[${cert}].exams`);
        if (exams !== undefined) leqRelation(sys, completed, exams);
      }
    } else {
      const id = put("certified-people", m.certified_people);
      // through a quarter's last day, the worker's certified people are that quarter's cumulative in certifications.json
      const quarter = quarterEnding(String(m.through));
      const cum = `certifications:cumulative[all,${quarter}]`;
      if (quarter !== null && sys.cells.has(cum)) sumRelation(sys, id, [cum]);
    }
  }
  return figures;
}

/** The fiscal quarter (FY27-Q1) a day ends, or null. */
function quarterEnding(day: string): string | null {
  const [y, m, d] = day.split("-").map(Number);
  const ends: Record<number, [number, number]> = { 9: [30, 1], 12: [31, 2], 3: [31, 3], 6: [30, 4] };
  const e = ends[m ?? 0];
  if (e === undefined || e[0] !== d) return null;
  const fy = (m ?? 0) >= 7 ? (y ?? 0) + 1 : (y ?? 0);
  return `FY${String(fy % 100).padStart(2, "0")}-Q${e[1]}`;
}

/** Growth between two snapshots: every figure of the later one minus the earlier one, a count of people ≥ 0. */
export function addGrowth(sys: AuditSystem, before: Figures, after: Figures, label: string): number {
  let n = 0;
  for (const [figure, b] of before.ids) {
    const a = after.ids.get(figure);
    if (a === undefined) continue;
    if (figure !== "certified-people" && before.fy !== after.fy) continue;
    const d = addCell(sys, `worker:growth(${label}):${figure}`, null, 0, "difference");
    sumRelation(sys, a, [b, d]);
    n++;
  }
  return n;
}
