/**
 * The outsider's model of regions.json: every region row is a part of the overall figures. For each measure, the
 * regions (and "other") sum to "all", and "all" is the overall figure of the other files (certified people = the
 * last quarter's cumulative count, people per certification = that certification's status total, exams completed /
 * passed per fiscal year = exams.json's "all" row, people examined = the retakes' "all" row): so a hidden region cell
 * is also attacked through the difference between the overall figure and the other regions. Within a row an
 * outsider knows passed ≤ completed, each certification ≤ certified people ≤ people, people examined ≤ people.
 */
import type { Certifications, Regions } from "#core/aggregated/schemas.ts";
import { groupBy, type Put } from "./published-exams.ts";
import { type AuditSystem, leqRelation, sumRelation } from "./system.ts";

export const regionId = (region: string, k: string) => `regions:${region}.${k}`;

export function regions(r: Regions, c: Certifications, put: Put, sys: AuditSystem): void {
  const parts = r.regions.filter((x) => x.region !== "all").map((x) => x.region);
  const hasAll = r.regions.some((x) => x.region === "all");
  const equal = (a: string, b: string) => {
    if (sys.cells.has(b)) sumRelation(sys, a, [b]);
  };
  const additive = (k: string, ids: ReadonlyMap<string, string>) => {
    const all = ids.get("all");
    if (hasAll && all !== undefined)
      sumRelation(
        sys,
        all,
        parts.map((p) => ids.get(p) ?? regionId(p, k)),
      );
  };
  const lastQuarter = c.by_quarter.at(-1)?.period;
  for (const k of ["people", "people_examined", "certified_people"] as const) {
    const ids = new Map(r.regions.map((x) => [x.region, put(regionId(x.region, k), x[k])]));
    additive(k, ids);
  }
  for (const x of r.regions) {
    const id = (k: string) => regionId(x.region, k);
    leqRelation(sys, id("certified_people"), id("people"));
    leqRelation(sys, id("people_examined"), id("people"));
  }
  for (const [cert, rows] of groupBy(r.certifications, (x) => x.certification)) {
    const k = `certified[${cert}]`;
    const ids = new Map(rows.map((x) => [x.region, put(regionId(x.region, k), x.people)]));
    for (const [region, id] of ids) leqRelation(sys, id, regionId(region, "certified_people"));
    additive(k, ids);
    const all = ids.get("all");
    if (all !== undefined) equal(all, `certifications:status[${cert}].total`);
  }
  for (const [fy, rows] of groupBy(r.by_fiscal_year, (x) => x.fiscal_year)) {
    for (const m of ["completed", "passed"] as const) {
      const ids = new Map(rows.map((x) => [x.region, put(regionId(x.region, `${fy}.${m}`), x[m])]));
      additive(`${fy}.${m}`, ids);
      const all = ids.get("all");
      if (all !== undefined) equal(all, `exams:by_exam_year[all,${fy}].${m}`);
    }
    for (const x of rows) leqRelation(sys, regionId(x.region, `${fy}.passed`), regionId(x.region, `${fy}.completed`));
  }
  if (hasAll) {
    if (lastQuarter !== undefined)
      equal(regionId("all", "certified_people"), `certifications:cumulative[all,${lastQuarter}]`);
    equal(regionId("all", "people_examined"), "exams:retakes[all].people_examined");
  }
}
