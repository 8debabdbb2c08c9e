/**
 * The attacker's view, for the privacy tests: from the published JSON alone, derive every difference the issue names
 * — totals minus visible cells, consecutive points of cumulative (and nested funnel) series, period-over-period
 * deltas, the regions' parts of the overall figures — and every visible count. Returns what would expose 1–4 people.
 */

import type { Activity, Certifications, Exams, Journey, Kpis, Regions, Skills } from "#core/aggregated/schemas.ts";
import { type Cell, isSmall } from "#core/suppress.ts";

export interface Published {
  certifications: Certifications;
  exams: Exams;
  journey: Journey;
  skills: Skills;
  activity: Activity;
  kpis: Kpis;
  /** regions.json, when the run published it */
  regions?: Regions | null;
}

type Finding = string;

/** total − Σ visible members when the total is visible, or Σ members when only the total is hidden. */
function group(label: string, total: Cell, members: readonly Cell[], out: Finding[]): void {
  const hidden = members.filter((m) => m.suppressed);
  const sum = members.reduce((s, m) => s + (m.value ?? 0), 0);
  if (total.value !== null && hidden.length > 0 && isSmall(total.value - sum))
    out.push(`${label}: ${total.value - sum}`);
  if (total.suppressed && hidden.length === 0 && isSmall(sum)) out.push(`${label}: hidden total = ${sum}`);
}

function chain(label: string, cells: readonly Cell[], out: Finding[]): void {
  const vis = cells.filter((c): c is { value: number; suppressed: false } => c.value !== null);
  for (let i = 1; i < vis.length; i++) {
    const d = (vis[i]?.value ?? 0) - (vis[i - 1]?.value ?? 0);
    if (isSmall(d)) out.push(`${label}: step ${d}`);
  }
}

function counts(label: string, cells: readonly Cell[], out: Finding[]): void {
  for (const c of cells) if (c.value !== null && isSmall(c.value)) out.push(`${label}: visible ${c.value}`);
}

const by = <T>(rows: readonly T[], key: (r: T) => string) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

export function findDisclosures(p: Published): Finding[] {
  const out: Finding[] = [];
  for (const [cert, rows] of by(p.certifications.by_quarter, (r) => r.certification)) {
    counts(
      `cert ${cert}`,
      rows.flatMap((r) => [r.new, r.cumulative]),
      out,
    );
    chain(
      `cert cumulative ${cert}`,
      rows.map((r) => r.cumulative),
      out,
    );
  }
  const st = p.certifications.status;
  for (const r of st) group(`cert status ${r.certification}`, r.total, [r.active, r.expired], out);
  for (const k of ["active", "expired", "total"] as const) {
    const all = st.find((r) => r.certification === "all");
    if (all)
      group(
        `cert status all ${k}`,
        all[k],
        st.filter((r) => r.certification !== "all").map((r) => r[k]),
        out,
      );
  }
  const ttc = p.certifications.time_to_certify;
  const ttcAll = ttc.find((r) => r.certification === "all");
  if (ttcAll)
    group(
      "time to certify",
      ttcAll.people,
      ttc.filter((r) => r !== ttcAll).map((r) => r.people),
      out,
    );
  const ex = p.exams.by_exam_year;
  for (const r of [...ex, ...p.exams.by_source]) {
    const label = `exams ${JSON.stringify([r.registrations.value, r.completed.value])}`;
    counts(label, [r.registrations, r.completed, r.passed, r.failed, r.no_show, r.cancelled, r.pending], out);
    group(label, r.registrations, [r.completed, r.no_show, r.cancelled, r.pending], out);
    group(label, r.completed, [r.passed, r.failed], out);
  }
  const measures = ["registrations", "completed", "passed", "failed", "no_show", "cancelled", "pending"] as const;
  for (const [fy, rows] of by(ex, (r) => r.fiscal_year)) {
    const all = rows.find((r) => r.certification === "all");
    const certs = rows.filter((r) => r.certification !== "all");
    const src = p.exams.by_source.filter((r) => r.fiscal_year === fy);
    const del = p.exams.delivery.filter((r) => r.fiscal_year === fy);
    if (!all) continue;
    for (const m of measures) {
      group(
        `exams ${fy} ${m} by cert`,
        all[m],
        certs.map((r) => r[m]),
        out,
      );
      if (fy !== "all")
        group(
          `exams ${fy} ${m} by source`,
          all[m],
          src.map((r) => r[m]),
          out,
        );
    }
    if (fy !== "all")
      group(
        `exams ${fy} delivery`,
        all.registrations,
        del.map((r) => r.exams),
        out,
      );
  }
  for (const [cert, rows] of by(ex, (r) => r.certification)) {
    const all = rows.find((r) => r.fiscal_year === "all");
    if (all)
      for (const m of measures)
        group(
          `exams ${cert} ${m} by year`,
          all[m],
          rows.filter((r) => r !== all).map((r) => r[m]),
          out,
        );
  }
  for (const r of p.exams.retakes)
    group(`retakes ${r.certification}`, r.people_examined, [r.people_single_attempt, r.people_retook], out);
  for (const d of p.exams.score_distribution)
    group(
      `scores ${d.certification}`,
      d.scored,
      d.bins.map((b) => b.exams),
      out,
    );
  const stages = p.journey.cohorts;
  for (const c of stages)
    chain(
      `journey ${c.cohort}`,
      c.stages.map((s) => s.reached),
      out,
    );
  const allCohort = stages.find((c) => c.cohort === "all");
  allCohort?.stages.forEach((s, i) => {
    group(
      `journey all ${s.stage}`,
      s.reached,
      stages.filter((c) => c !== allCohort).map((c) => c.stages[i]?.reached ?? s.reached),
      out,
    );
  });
  const sk = p.skills.by_month;
  for (const r of sk) group(`skills ${r.course} ${r.month}`, r.enrollments, [r.fork, r.template], out);
  for (const c of p.skills.courses) {
    const rows = sk.filter((r) => r.course === c.course);
    for (const m of ["enrollments", "fork", "template"] as const)
      group(
        `skills ${c.course} ${m}`,
        c[m],
        rows.map((r) => r[m]),
        out,
      );
  }
  for (const [month, rows] of by(sk, (r) => r.month)) {
    const all = rows.find((r) => r.course === "all");
    if (all)
      for (const m of ["enrollments", "fork", "template"] as const)
        group(
          `skills ${month} ${m}`,
          all[m],
          rows.filter((r) => r !== all).map((r) => r[m]),
          out,
        );
  }
  for (const r of [...p.activity.product_by_month, ...p.activity.github_by_month]) {
    group(`activity ${r.month}`, r.active_people, [r.certified_people, r.not_certified_people], out);
  }
  for (const k of p.kpis.kpis) {
    if (k.unit === "rate" || k.unit === "users") continue;
    counts(`kpi ${k.id}`, [k.current, k.previous], out);
    chain(`kpi ${k.id} delta`, [k.previous, k.current], out);
    if (k.delta.value !== null && isSmall(k.delta.value)) out.push(`kpi ${k.id} delta ${k.delta.value}`);
  }
  if (p.regions) regionFindings(p.regions, out);
  return out;
}

/**
 * regions.json: every region cell is a count, and per measure the regions sum to the "all" row (a hidden region is
 * the "all" row minus the visible ones).
 */
function regionFindings(r: Regions, out: Finding[]): void {
  const additive = (label: string, rows: readonly { region: string; cell: Cell }[]) => {
    counts(
      label,
      rows.map((x) => x.cell),
      out,
    );
    const all = rows.find((x) => x.region === "all");
    if (all)
      group(
        label,
        all.cell,
        rows.filter((x) => x !== all).map((x) => x.cell),
        out,
      );
  };
  for (const k of ["people", "people_examined", "certified_people"] as const)
    additive(
      `region ${k}`,
      r.regions.map((x) => ({ region: x.region, cell: x[k] })),
    );
  for (const [cert, rows] of by(r.certifications, (x) => x.certification))
    additive(
      `region certified ${cert}`,
      rows.map((x) => ({ region: x.region, cell: x.people })),
    );
  for (const [fy, rows] of by(r.by_fiscal_year, (x) => x.fiscal_year))
    for (const m of ["completed", "passed"] as const)
      additive(
        `region ${fy} ${m}`,
        rows.map((x) => ({ region: x.region, cell: x[m] })),
      );
}
