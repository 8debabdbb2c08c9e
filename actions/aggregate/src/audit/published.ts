/**
 * The outsider's model of data/aggregated/*.json: every published cell becomes an audit cell (visible = constant,
 * suppressed = unknown) named `<file>:<path>`, with every additive relation the documented semantics give
 * (docs/aggregation.md) and the bounds an outsider knows: counts are non-negative integers, and a Skills month is
 * listed only when it had an enrollment (so a listed month's enrollments are ≥ 1; an omitted one is 0).
 * Built from the JSON alone — never from the aggregation's own cell book — so it checks the suppression independently.
 */
import type { Activity, AggregatedSet, Cell, Certifications, Journey, Skills } from "#core/aggregated/schemas.ts";
import { exams, groupBy, type Put } from "./published-exams.ts";
import { regions } from "./published-regions.ts";
import { type AuditSystem, addCell, leqRelation, sumRelation } from "./system.ts";

export type PublishedFiles = AggregatedSet;

/** Counters of what was read (published cells include visible and suppressed; rates and medians are counted too). */
export interface Tally {
  published: number;
  suppressed: number;
}

const cellValue = (c: Cell): number | null => (c.suppressed ? null : (c.value ?? 0));

export function addPublished(sys: AuditSystem, p: PublishedFiles, tally: Tally): void {
  const put = (id: string, c: Cell, lower = 0): string => addCell(sys, id, cellValue(c), lower);
  certifications(p.certifications, put, sys);
  exams(p.exams, put, sys);
  journey(p.journey, put, sys);
  skills(p.skills, put, sys);
  activity(p.activity, put, sys);
  kpis(p, put, sys);
  regions(p.regions, p.certifications, put, sys);
  countCells(p, tally);
}

/** Only skills.json and kpis.json: what the issue's integer-programming attack was given. */
export function addSkillsAndKpis(sys: AuditSystem, p: PublishedFiles): void {
  const put = (id: string, c: Cell, lower = 0): string => addCell(sys, id, cellValue(c), lower);
  skills(p.skills, put, sys);
  kpis(p, put, sys);
}

function countCells(p: PublishedFiles, tally: Tally): void {
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const v of x) walk(v);
    else if (x !== null && typeof x === "object") {
      const o = x as Record<string, unknown>;
      if (typeof o.suppressed === "boolean" && "value" in o && Object.keys(o).length === 2) {
        tally.published++;
        if (o.suppressed) tally.suppressed++;
        return;
      }
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(p);
}

function certifications(c: Certifications, put: Put, sys: AuditSystem): void {
  const cum = (cert: string, period: string) => `certifications:cumulative[${cert},${period}]`;
  for (const [name, rows] of [
    ["by_quarter", c.by_quarter],
    ["by_fiscal_year", c.by_fiscal_year],
  ] as const) {
    for (const [cert, list] of groupBy(rows, (r) => r.certification)) {
      let prev: string | undefined;
      for (const r of list) {
        const now = put(cum(cert, r.period), r.cumulative);
        const n = put(`certifications:${name}[${cert},${r.period}].new`, r.new);
        // new = cumulative − previous cumulative (the first period: new = cumulative)
        sumRelation(sys, now, prev === undefined ? [n] : [prev, n]);
        prev = now;
      }
    }
  }
  // "all" counts distinct people by their first certification: at least any one certification's people, at most their sum
  for (const r of c.by_quarter) {
    if (r.certification === "all") continue;
    const all = cum("all", r.period);
    if (sys.cells.has(all)) leqRelation(sys, cum(r.certification, r.period), all);
  }
  for (const [period, rows] of groupBy(c.by_quarter, (r) => r.period)) {
    const certs = rows
      .filter((r) => r.certification !== "all")
      .map((r): [string, number] => [cum(r.certification, period), 1]);
    if (certs.length > 0 && rows.some((r) => r.certification === "all"))
      sys.relations.push({ terms: [...certs, [cum("all", period), -1]], lo: 0, hi: Number.POSITIVE_INFINITY });
  }
  // a fiscal year's cumulative is its last quarter's
  for (const r of c.by_fiscal_year) {
    const qs = c.by_quarter.filter((q) => q.certification === r.certification && q.period.startsWith(`${r.period}-`));
    const last = qs[qs.length - 1];
    if (last) sumRelation(sys, cum(r.certification, r.period), [cum(r.certification, last.period)]);
  }
  const lastQuarter = c.by_quarter[c.by_quarter.length - 1]?.period;
  for (const r of c.status) {
    const id = (k: string) => `certifications:status[${r.certification}].${k}`;
    const t = put(id("total"), r.total);
    sumRelation(sys, t, [put(id("active"), r.active), put(id("expired"), r.expired)]);
    // a certification's total is its cumulative count of people (one certification per person and exam)
    if (r.certification !== "all" && lastQuarter !== undefined && sys.cells.has(cum(r.certification, lastQuarter)))
      sumRelation(sys, t, [cum(r.certification, lastQuarter)]);
  }
  for (const k of ["active", "expired", "total"] as const) {
    const parts = c.status
      .filter((r) => r.certification !== "all")
      .map((r) => `certifications:status[${r.certification}].${k}`);
    if (c.status.some((r) => r.certification === "all")) sumRelation(sys, `certifications:status[all].${k}`, parts);
  }
  const ttc = (cert: string) => `certifications:time_to_certify[${cert}].people`;
  for (const r of c.time_to_certify) put(ttc(r.certification), r.people);
  if (c.time_to_certify.some((r) => r.certification === "all"))
    sumRelation(
      sys,
      ttc("all"),
      c.time_to_certify.filter((r) => r.certification !== "all").map((r) => ttc(r.certification)),
    );
}

function journey(j: Journey, put: Put, sys: AuditSystem): void {
  const reached = (cohort: string, stage: string) => `journey:cohorts[${cohort}].${stage}.reached`;
  for (const c of j.cohorts) {
    let prev: string | undefined;
    for (const s of c.stages) {
      const r = put(reached(c.cohort, s.stage), s.reached);
      const both = put(`journey:cohorts[${c.cohort}].${s.stage}.people_with_both_dates`, s.people_with_both_dates);
      leqRelation(sys, both, r);
      // the funnel is nested: each stage reached by at most the previous stage's people
      if (prev !== undefined) leqRelation(sys, r, prev);
      prev = r;
    }
  }
  const all = j.cohorts.find((c) => c.cohort === "all");
  const both = (cohort: string, stage: string) => `journey:cohorts[${cohort}].${stage}.people_with_both_dates`;
  for (const s of all?.stages ?? []) {
    const cohorts = j.cohorts.filter((c) => c !== all);
    sumRelation(
      sys,
      reached("all", s.stage),
      cohorts.map((c) => reached(c.cohort, s.stage)),
    );
    sumRelation(
      sys,
      both("all", s.stage),
      cohorts.map((c) => both(c.cohort, s.stage)),
    );
  }
}

const SK = ["enrollments", "fork", "template"] as const;

function skills(s: Skills, put: Put, sys: AuditSystem): void {
  const m = (course: string, month: string, k: string) => `skills:by_month[${course},${month}].${k}`;
  const total = (course: string, k: string) => `skills:courses[${course}].${k}`;
  for (const r of s.by_month) {
    // a month is listed only when it had enrollments: listed ⇒ ≥ 1
    put(m(r.course, r.month, "enrollments"), r.enrollments, 1);
    put(m(r.course, r.month, "fork"), r.fork);
    put(m(r.course, r.month, "template"), r.template);
    sumRelation(sys, m(r.course, r.month, "enrollments"), [
      m(r.course, r.month, "fork"),
      m(r.course, r.month, "template"),
    ]);
  }
  for (const c of s.courses) {
    for (const k of SK) put(total(c.course, k), c[k]);
    put(`skills:courses[${c.course}].stargazers`, c.stargazers);
    put(`skills:courses[${c.course}].forks`, c.forks);
    sumRelation(sys, total(c.course, "enrollments"), [total(c.course, "fork"), total(c.course, "template")]);
  }
  const byCourse = groupBy(s.by_month, (r) => r.course);
  for (const c of s.courses) {
    const rows = byCourse.get(c.course) ?? [];
    for (const k of SK) {
      if (rows.length > 0)
        sumRelation(
          sys,
          total(c.course, k),
          rows.map((r) => m(c.course, r.month, k)),
        );
      else addCell(sys, `skills:omitted[${c.course}].${k}`, 0);
    }
  }
  for (const [month, rows] of groupBy(s.by_month, (r) => r.month)) {
    if (!rows.some((r) => r.course === "all")) continue;
    for (const k of SK)
      sumRelation(
        sys,
        m("all", month, k),
        rows.filter((r) => r.course !== "all").map((r) => m(r.course, month, k)),
      );
  }
  // Σ over courses of the all-time totals = Σ over months of course "all"
  const allRows = byCourse.get("all") ?? [];
  for (const k of SK) {
    const id = addCell(sys, `skills:derived[all].${k}`, null, 0, "helper");
    sumRelation(
      sys,
      id,
      s.courses.map((c) => total(c.course, k)),
    );
    if (allRows.length > 0)
      sumRelation(
        sys,
        id,
        allRows.map((r) => m("all", r.month, k)),
      );
  }
}

function activity(a: Activity, put: Put, sys: AuditSystem): void {
  // github_by_period (issue 17, grain adapted to k): the same split per month, fiscal quarter or fiscal year
  const periods = (a.github_by_period?.rows ?? []).map(({ period, ...r }) => ({ month: period, ...r }));
  for (const [name, rows] of [
    ["product_by_month", a.product_by_month],
    ["github_by_month", a.github_by_month],
    ["github_by_period", periods],
  ] as const) {
    for (const r of rows) {
      const product = "product" in r ? String(r.product) : "github";
      const id = (k: string) => `activity:${name}[${r.month},${product}].${k}`;
      sumRelation(sys, put(id("active_people"), r.active_people), [
        put(id("certified_people"), r.certified_people),
        put(id("not_certified_people"), r.not_certified_people),
      ]);
    }
  }
}

const quarterOf = (month: string): string => {
  const [y, mo] = month.split("-").map(Number);
  const fy = (mo ?? 0) >= 7 ? (y ?? 0) + 1 : (y ?? 0);
  const q = Math.floor((((mo ?? 1) + 5) % 12) / 3) + 1;
  return `FY${String(fy % 100).padStart(2, "0")}-Q${q}`;
};

function kpis(p: PublishedFiles, put: Put, sys: AuditSystem): void {
  const { current, previous } = p.kpis.period;
  for (const k of p.kpis.kpis) {
    if (k.unit === "rate") continue;
    const id = (x: string) => `kpis:${k.id}.${x}`;
    const cur = put(id("current"), k.current);
    const prev = put(id("previous"), k.previous);
    // delta = current − previous (a flow may fall: the delta has no lower bound)
    if (k.unit !== "users") sumRelation(sys, cur, [prev, put(id("delta"), k.delta, Number.NEGATIVE_INFINITY)]);
    if (k.id === "certified_people") {
      for (const [q, cell] of [
        [current, cur],
        [previous, prev],
      ] as const) {
        const c = `certifications:cumulative[all,${q}]`;
        if (sys.cells.has(c)) sumRelation(sys, cell, [c]);
      }
    }
    if (k.id === "skills_enrollments") {
      for (const [q, cell] of [
        [current, cur],
        [previous, prev],
      ] as const) {
        const months = p.skills.by_month.filter((r) => r.course === "all" && quarterOf(r.month) === q);
        sumRelation(
          sys,
          cell,
          months.map((r) => `skills:by_month[all,${r.month}].enrollments`),
        );
      }
    }
  }
}
