/**
 * The attacker's audit as a gate: the committed data passes it (0 exposed cells), and it bites — the naive
 * suppression (protect() without the solver check) and hand-built leaky publications are found exposed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGGREGATED_SCHEMAS } from "#core/aggregated/schemas.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { aggregate } from "../../actions/aggregate/src/aggregate.ts";
import { addPublished, addSkillsAndKpis, type PublishedFiles } from "../../actions/aggregate/src/audit/published.ts";
import { addCell, exposedCells, newSystem, ranges, sumRelation } from "../../actions/aggregate/src/audit/solve.ts";
import { throughDay } from "../../worker/src/metrics.ts";
import { type AuditReport, audit, readPublished } from "./audit.ts";
import { syncChanges } from "./changes.ts";
import { addGrowth, addSnapshot, factsFromDir, factsFromWorld, snapshot } from "./worker.ts";

const DATA = join(REPO_ROOT, "data");
const DAY = 86_400_000;
const root = mkdtempSync(join(tmpdir(), "privacy-audit-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the committed data", () => {
  let report: AuditReport;
  let published: PublishedFiles;
  beforeAll(async () => {
    published = readPublished(DATA);
    const now = new Date(published.kpis.as_of);
    const facts = await factsFromDir(DATA);
    const night = new Date(now.getTime() - DAY);
    const snapshots = [
      snapshot("last-month", facts, new Date(`${throughDay(now)}T12:00:00Z`)),
      snapshot("night-before", factsFromWorld({ scale: "S", seed: 7, now: night }), night),
      snapshot("tonight", facts, now),
    ];
    report = await audit({ published, snapshots, changes: syncChanges(DATA) });
  });

  it("has no exposed cell, a consistent model and downloads that republish only visible figures", () => {
    expect(report.exposed).toEqual([]);
    expect(report.infeasible).toBe(0);
    expect(report.download_unmatched).toBe(0);
    expect(report.suppressed_cells).toBeGreaterThan(100);
    expect(report.download_cells).toBeGreaterThan(1000);
    expect(report.worker_cells).toBeGreaterThan(30);
  });

  it("models every region figure, with 'all' tied to the overall figure of certifications.json", () => {
    const sys = newSystem();
    addPublished(sys, published, { published: 0, suppressed: 0 });
    for (const r of published.regions.regions) expect(sys.cells.has(`regions:${r.region}.certified_people`)).toBe(true);
    const lastQuarter = published.certifications.by_quarter.at(-1)?.period;
    const tied = sys.relations.some(
      (rel) =>
        rel.terms.some(([id]) => id === "regions:all.certified_people") &&
        rel.terms.some(([id]) => id === `certifications:cumulative[all,${lastQuarter}]`),
    );
    expect(tied).toBe(true);
  });

  it("the integer-programming attack on skills.json and the Skills KPI recovers nothing", async () => {
    const sys = newSystem();
    addSkillsAndKpis(sys, published);
    const { ranges: rs, stats } = await ranges(sys, { milp: true });
    expect(stats.milpSolves).toBeGreaterThan(0);
    const skills = [...rs].filter(([id]) => id.startsWith("skills:by_month") || id.startsWith("skills:courses"));
    // months are published for all courses together only (issue 17, grain adapted to k): 63 months + 17 courses
    expect(skills.length).toBeGreaterThan(50);
    const pinned = skills.filter(([, r]) => r.hi - r.lo < 4);
    expect(pinned.map(([id]) => id)).toEqual([]);
  });
});

describe("the audit bites", () => {
  it("finds the Skills break in the naive suppression (protect() alone) of the committed CSVs", async () => {
    const { files } = await aggregate(DATA, { threads: 1, solverCheck: false });
    const parse = <K extends keyof PublishedFiles>(f: K): PublishedFiles[K] =>
      AGGREGATED_SCHEMAS[f].parse(JSON.parse(files.get(`${f}.json`) ?? "null")) as PublishedFiles[K];
    const published: PublishedFiles = {
      certifications: parse("certifications"),
      exams: parse("exams"),
      journey: parse("journey"),
      copilot: parse("copilot"),
      skills: parse("skills"),
      activity: parse("activity"),
      kpis: parse("kpis"),
      regions: parse("regions"),
    };
    const report = await audit({ published, snapshots: [] });
    // since issue 17 (Skills months for all courses only, journey stages merged into groups that clear k) fewer
    // cells are at risk, but protect() alone still misses the listed-month bound: a listed month has ≥ 1 enrollment
    const skills = report.exposed.filter((id) => id.startsWith("skills:"));
    expect(skills.length).toBeGreaterThan(0);
    expect(skills.every((id) => id.startsWith("skills:by_month[all,"))).toBe(true);
  });

  it("a listed month is ≥ 1: five hidden months under a total of 6 are pinned to 1–2", async () => {
    const sys = newSystem();
    addCell(sys, "total", 26);
    addCell(sys, "visible", 20);
    const months = ["a", "b", "c", "d", "e"].map((m) => addCell(sys, m, null, 1));
    sumRelation(sys, "total", ["visible", ...months]);
    expect((await exposedCells(sys)).exposed.sort()).toEqual(months);
    // with the omitted-row bound unknown to the model (lower 0), the same publication looks safe
    const naive = newSystem();
    addCell(naive, "total", 26);
    addCell(naive, "visible", 20);
    sumRelation(naive, "total", ["visible", ...["a", "b", "c", "d", "e"].map((m) => addCell(naive, m, null))]);
    expect((await exposedCells(naive)).exposed).toEqual([]);
  });

  it("integrality: a cell the LP leaves 8 wide but only one integer fits is found (MILP after a fractional LP)", async () => {
    const sys = newSystem();
    addCell(sys, "x", null);
    addCell(sys, "t", null);
    // x = 5t with 1 ≤ x ≤ 9: the LP allows x ∈ [1, 9], integers only x = 5
    sys.relations.push({
      terms: [
        ["x", 1],
        ["t", -5],
      ],
      lo: 0,
      hi: 0,
    });
    sys.relations.push({ terms: [["x", 1]], lo: 1, hi: 9 });
    const r = await exposedCells(sys);
    expect(r.stats.milpSolves).toBeGreaterThan(0);
    expect(r.ranges.get("x")).toEqual({ lo: 5, hi: 5 });
    expect(r.exposed).toContain("x");
  });

  it("worker: total minus the visible certifications gives the hidden one (found)", async () => {
    const body = (cert: string, v: number | null) => ({
      certification: cert,
      exams: v === null ? { value: null, suppressed: true } : { value: v, suppressed: false },
    });
    const naive = {
      label: "naive",
      metrics: [
        {
          metric: "exams-fy" as const,
          fiscal_year: "FY27",
          exams: { value: 60, suppressed: false },
          by_certification: [body("GH-100", 30), body("GH-200", 27), body("GH-300", null)],
        },
        {
          metric: "pass-rate" as const,
          fiscal_year: "FY27",
          by_certification: [
            {
              certification: "GH-100",
              completed: { value: 20, suppressed: false },
              passed: { value: 17, suppressed: false },
            },
          ],
        },
      ],
    };
    const sys = newSystem();
    addSnapshot(sys, naive);
    expect((await exposedCells(sys)).exposed).toContain("worker:naive:exams-fy[GH-300].exams");
  });

  it("worker: two polls around one person's exam (a live count moving by 1) expose the outcome", async () => {
    const poll = (passed: number) => ({
      label: `poll-${passed}`,
      metrics: [
        {
          metric: "pass-rate" as const,
          fiscal_year: "FY27",
          by_certification: [
            {
              certification: "GH-100",
              completed: { value: 20 + passed, suppressed: false },
              passed: { value: passed, suppressed: false },
            },
          ],
        },
      ],
    });
    const sys = newSystem();
    addGrowth(sys, addSnapshot(sys, poll(17)), addSnapshot(sys, poll(18)), "poll-17→poll-18");
    expect((await exposedCells(sys)).exposed).toContain("worker:growth(poll-17→poll-18):pass-rate[GH-100].passed");
  });
});
