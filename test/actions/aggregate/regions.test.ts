/**
 * regions.json on a small random world whose people are spread over regions, one of them planted with 3 people:
 * the planted region's figures are never published as such (merged into "Other regions"), no visible count lies in
 * 1–4, every figure is recomputed from the CSVs, "all" is the overall figures of certifications.json / exams.json,
 * and the attacker's audit (which models regions.json against the overall figures) finds nothing exposed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AGGREGATED_FILES,
  AGGREGATED_SCHEMAS,
  type AggregatedSet,
  CERTIFICATIONS,
  type Cell,
  REGION_CODES,
} from "#core/aggregated/schemas.ts";
import { type Row, readAll, writeDataset } from "#core/csv.ts";
import { getSchema, REPO_ROOT } from "#core/schema.ts";
import { isSmall } from "#core/suppress.ts";
import { aggregate } from "../../../actions/aggregate/src/aggregate.ts";
import { bucketsOf } from "../../../actions/aggregate/src/build/regions.ts";
import { FIXTURE_NOW, writeFixture } from "../../harness/aggregate/fixture.ts";
import { audit, readPublished } from "../../privacy/audit.ts";

const root = mkdtempSync(join(tmpdir(), "regions-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const PLANTED = "LATAM";
const SPREAD = ["AMER", "EMEA", "APAC"] as const;

/** Rewrites unified_users: the first 3 people (by id) in PLANTED, the others spread over SPREAD. */
async function plantRegions(dir: string): Promise<Map<string, string>> {
  const schema = getSchema("unified_users");
  const rows = (await readAll(dir, schema)).sort((a, b) => String(a.user_id).localeCompare(String(b.user_id)));
  const out: Row[] = rows.map((r, i) => ({ ...r, region: i < 3 ? PLANTED : (SPREAD[i % SPREAD.length] ?? "AMER") }));
  await writeDataset(dir, schema, out);
  return new Map(out.map((r) => [String(r.user_id), String(r.region)]));
}

const parse = (files: ReadonlyMap<string, string>): AggregatedSet => {
  const get = <F extends keyof AggregatedSet>(f: F): AggregatedSet[F] =>
    AGGREGATED_SCHEMAS[f].parse(JSON.parse(files.get(`${f}.json`) ?? "null")) as AggregatedSet[F];
  return Object.fromEntries(AGGREGATED_FILES.map((f) => [f, get(f)])) as unknown as AggregatedSet;
};

/** Every count cell of regions.json with its id (rates excluded). */
function countCells(p: AggregatedSet): [string, Cell][] {
  const r = p.regions;
  return [
    ...r.regions.flatMap((x): [string, Cell][] => [
      [`${x.region}.people`, x.people],
      [`${x.region}.people_examined`, x.people_examined],
      [`${x.region}.certified_people`, x.certified_people],
    ]),
    ...r.certifications.map((x): [string, Cell] => [`${x.region}.${x.certification}`, x.people]),
    ...r.by_fiscal_year.flatMap((x): [string, Cell][] => [
      [`${x.region}.${x.fiscal_year}.completed`, x.completed],
      [`${x.region}.${x.fiscal_year}.passed`, x.passed],
    ]),
  ];
}

describe("region codes", () => {
  it("are exactly the region enum of data/schema/unified_users.json (the schema is the one contract)", () => {
    const field = getSchema("unified_users").fields.find((f) => f.name === "region");
    expect([...REGION_CODES].sort()).toEqual([...(field?.constraints?.enum ?? [])].sort());
  });
});

describe("regions.json", () => {
  let p: AggregatedSet;
  let regionOf: Map<string, string>;
  let dir: string;
  beforeAll(async () => {
    dir = join(root, "w");
    await writeFixture(dir, { seed: 11, people: 900, copilotDays: 7 });
    regionOf = await plantRegions(dir);
    p = parse((await aggregate(dir, { threads: 1, aceNow: FIXTURE_NOW })).files);
  }, 120_000);

  it("never publishes the planted 3-person region on its own: it is merged into Other regions", () => {
    const rows = p.regions.regions;
    expect(rows.map((r) => r.region)).not.toContain(PLANTED.toLowerCase());
    const other = rows.find((r) => r.region === "other");
    expect(other?.members).toContain(PLANTED);
    expect(other?.merged_for_small_cells).toContain(PLANTED);
    // merged with at least one other region, so the bucket is never the planted region under another name
    expect(other?.members.length).toBeGreaterThan(1);
    expect(rows.at(-1)?.region).toBe("all");
  });

  it("publishes no count of 1–4 people, and suppresses some cells (the rule is exercised)", () => {
    const cells = countCells(p);
    expect(cells.filter(([, c]) => !c.suppressed && c.value !== null && isSmall(c.value))).toEqual([]);
    expect(cells.some(([, c]) => c.suppressed)).toBe(true);
    expect(cells.filter(([, c]) => !c.suppressed).length).toBeGreaterThan(cells.length / 2);
  });

  it("every visible figure is the count recomputed from the CSVs for the region's members", async () => {
    const users = await readAll(dir, getSchema("unified_users"));
    const exams = await readAll(dir, getSchema("individual_exams"));
    const certs = await readAll(dir, getSchema("certified_users"));
    const members = new Map(p.regions.regions.map((r) => [r.region, new Set<string>(r.members)]));
    const inRegion = (slug: string, userId: unknown) =>
      members.get(slug)?.has(regionOf.get(String(userId)) ?? "UNKNOWN") === true;
    const expectCell = (c: Cell, n: number) => {
      if (!c.suppressed) expect(c.value).toBe(n);
    };
    for (const r of p.regions.regions) {
      const mine = <T extends { user_id?: unknown }>(rows: readonly T[]) =>
        rows.filter((x) => inRegion(r.region, x.user_id));
      expectCell(r.people, mine(users).length);
      expectCell(r.certified_people, new Set(mine(certs).map((c) => c.user_id)).size);
      const done = mine(exams).filter((e) => e.status === "completed");
      expectCell(r.people_examined, new Set(done.map((e) => e.user_id)).size);
      for (const c of p.regions.certifications.filter((x) => x.region === r.region))
        expectCell(c.people, mine(certs).filter((x) => x.certification === c.certification).length);
      for (const y of p.regions.by_fiscal_year.filter((x) => x.region === r.region)) {
        const fy = done.filter((e) => e.fiscal_year === y.fiscal_year);
        expectCell(y.completed, fy.length);
        expectCell(y.passed, fy.filter((e) => e.passed === true).length);
      }
    }
  });

  it("'all' is the overall figure of certifications.json and exams.json, cell for cell", () => {
    const all = p.regions.regions.find((r) => r.region === "all");
    const lastQ = p.certifications.by_quarter.filter((r) => r.certification === "all").at(-1);
    expect(all?.certified_people).toEqual(lastQ?.cumulative);
    expect(all?.people_examined).toEqual(p.exams.retakes.find((r) => r.certification === "all")?.people_examined);
    for (const c of CERTIFICATIONS)
      expect(p.regions.certifications.find((r) => r.region === "all" && r.certification === c)?.people).toEqual(
        p.certifications.status.find((r) => r.certification === c)?.total,
      );
    for (const y of p.regions.by_fiscal_year.filter((r) => r.region === "all")) {
      const e = p.exams.by_exam_year.find((r) => r.certification === "all" && r.fiscal_year === y.fiscal_year);
      expect([y.completed, y.passed]).toEqual([e?.completed, e?.passed]);
    }
  });

  it("the attacker's audit models regions.json and finds no hidden cell narrowed below 5 values", async () => {
    const report = await audit({ published: p, snapshots: [] });
    expect(report.exposed).toEqual([]);
    expect(report.infeasible).toBe(0);
  }, 60_000);
});

describe("the audit bites on region figures (committed data)", () => {
  const HIDDEN: Cell = { value: null, suppressed: true };
  const hide = (p: AggregatedSet, slugs: readonly string[]): AggregatedSet => ({
    ...p,
    regions: {
      ...p.regions,
      regions: p.regions.regions.map((r) => (slugs.includes(r.region) ? { ...r, certified_people: HIDDEN } : r)),
    },
  });

  it("a region hidden alone is the total minus the other regions: exposed", async () => {
    const p = readPublished(join(REPO_ROOT, "data"));
    const slug = p.regions.regions[0]?.region ?? "";
    const report = await audit({ published: hide(p, [slug]), snapshots: [] });
    expect(report.exposed).toContain(`regions:${slug}.certified_people`);
  }, 60_000);

  it("hiding the region and 'all' too does not help: 'all' is the overall certified people of certifications.json", async () => {
    const p = readPublished(join(REPO_ROOT, "data"));
    const slug = p.regions.regions[0]?.region ?? "";
    const report = await audit({ published: hide(p, [slug, "all"]), snapshots: [] });
    expect(report.exposed).toContain(`regions:${slug}.certified_people`);
  }, 60_000);
});

describe("which regions are merged", () => {
  const KEYS = ["people", "people_examined", "certified_people", "completed|FY25", "completed|FY26"];
  type Code = Parameters<typeof bucketsOf>[0] extends ReadonlyMap<infer C, unknown> ? C : never;
  const counts = (spec: Partial<Record<Code, readonly number[]>>) =>
    new Map(Object.entries(spec).map(([c, v]) => [c as Code, new Map(KEYS.map((k, i) => [k, v?.[i] ?? 0]))]));
  const slugs = (spec: Partial<Record<Code, readonly number[]>>) =>
    bucketsOf(counts(spec), KEYS).map((b) => `${b.slug}:${b.members.join("+")}`);

  it("publishes every region whose cells clear the rule, and leaves out empty ones", () => {
    expect(slugs({ AMER: [50, 40, 30, 20, 25], EMEA: [60, 50, 40, 30, 35], LATAM: [0, 0, 0, 0, 0] })).toEqual([
      "amer:AMER",
      "emea:EMEA",
    ]);
  });

  it("merges a region with a small headline count, together with the smallest standing region", () => {
    expect(
      slugs({
        AMER: [50, 40, 30, 20, 25],
        APAC: [20, 15, 10, 8, 9],
        EMEA: [60, 50, 40, 30, 35],
        LATAM: [3, 3, 2, 1, 2],
      }),
    ).toEqual(["amer:AMER", "emea:EMEA", "other:APAC+LATAM"]);
  });

  it("merges regions with more than 10% small cells, and two merged regions need no companion", () => {
    expect(
      slugs({
        AMER: [50, 40, 30, 20, 25],
        EMEA: [60, 50, 40, 30, 3],
        LATAM: [30, 20, 10, 2, 6],
        UNKNOWN: [9, 8, 7, 6, 5],
      }),
    ).toEqual(["amer:AMER", "unknown:UNKNOWN", "other:EMEA+LATAM"]);
  });
});
