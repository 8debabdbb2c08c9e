/** The outsider's model of exams.json (see ./published.ts): outcome rows, margins, sources, delivery, retakes, scores. */
import type { Cell, Exams } from "#core/aggregated/schemas.ts";
import { type AuditSystem, leqRelation, sumRelation } from "./system.ts";

export type Put = (id: string, c: Cell, lower?: number) => string;

export const groupBy = <T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

const MEASURES = ["registrations", "completed", "passed", "failed", "no_show", "cancelled", "pending"] as const;
type Measure = (typeof MEASURES)[number];
type ExamRow = Record<Measure, Cell>;

function examRow(row: ExamRow, prefix: string, put: Put, sys: AuditSystem): (m: Measure) => string {
  const id = (m: Measure) => `${prefix}.${m}`;
  for (const m of MEASURES) put(id(m), row[m]);
  sumRelation(sys, id("registrations"), [id("completed"), id("no_show"), id("cancelled"), id("pending")]);
  sumRelation(sys, id("completed"), [id("passed"), id("failed")]);
  return id;
}

export function exams(e: Exams, put: Put, sys: AuditSystem): void {
  const ey = (cert: string, fy: string) => `exams:by_exam_year[${cert},${fy}]`;
  for (const r of e.by_exam_year) examRow(r, ey(r.certification, r.fiscal_year), put, sys);
  for (const r of e.by_source) examRow(r, `exams:by_source[${r.fiscal_year},${r.exam_source}]`, put, sys);
  for (const [fy, rows] of groupBy(e.by_exam_year, (r) => r.fiscal_year)) {
    const certs = rows.filter((r) => r.certification !== "all").map((r) => ey(r.certification, fy));
    const src = e.by_source.filter((r) => r.fiscal_year === fy);
    for (const m of MEASURES) {
      sumRelation(
        sys,
        `${ey("all", fy)}.${m}`,
        certs.map((c) => `${c}.${m}`),
      );
      if (src.length > 0)
        sumRelation(
          sys,
          `${ey("all", fy)}.${m}`,
          src.map((s) => `exams:by_source[${fy},${s.exam_source}].${m}`),
        );
    }
    const del = e.delivery.filter((d) => d.fiscal_year === fy);
    for (const d of del) put(`exams:delivery[${fy},${d.delivery}]`, d.exams);
    if (del.length > 0)
      sumRelation(
        sys,
        `${ey("all", fy)}.registrations`,
        del.map((d) => `exams:delivery[${fy},${d.delivery}]`),
      );
  }
  for (const [cert, rows] of groupBy(e.by_exam_year, (r) => r.certification)) {
    const years = rows.filter((r) => r.fiscal_year !== "all").map((r) => ey(cert, r.fiscal_year));
    for (const m of MEASURES)
      sumRelation(
        sys,
        `${ey(cert, "all")}.${m}`,
        years.map((y) => `${y}.${m}`),
      );
  }
  for (const r of e.retakes) {
    const id = (k: string) => `exams:retakes[${r.certification}].${k}`;
    sumRelation(sys, put(id("people_examined"), r.people_examined), [
      put(id("people_single_attempt"), r.people_single_attempt),
      put(id("people_retook"), r.people_retook),
    ]);
  }
  const bin = (cert: string, from: number) => `exams:score_distribution[${cert}].bins[${from}]`;
  for (const d of e.score_distribution) {
    const scored = put(`exams:score_distribution[${d.certification}].scored`, d.scored);
    sumRelation(
      sys,
      scored,
      d.bins.map((b) => put(bin(d.certification, b.from), b.exams)),
    );
    // scored exams are completed exams
    if (sys.cells.has(`${ey(d.certification, "all")}.completed`))
      leqRelation(sys, scored, `${ey(d.certification, "all")}.completed`);
  }
  const all = e.score_distribution.find((d) => d.certification === "all");
  for (const b of all?.bins ?? [])
    sumRelation(
      sys,
      bin("all", b.from),
      e.score_distribution.filter((d) => d !== all).map((d) => bin(d.certification, b.from)),
    );
}
