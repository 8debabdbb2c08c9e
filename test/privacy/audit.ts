/**
 * The attacker's audit (docs/privacy.md): every published figure — data/aggregated/*.json, the site's chart
 * downloads, the worker's public metrics at three moments — as one linear system over known and hidden cells, and
 * every hidden cell's feasible range from HiGHS (LP, MILP when fractional). Reports counts and the ids of exposed
 * cells, never their values.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AGGREGATED_SCHEMAS } from "#core/aggregated/schemas.ts";
import { addPublished, type PublishedFiles, type Tally } from "../../actions/aggregate/src/audit/published.ts";
import { type AuditSystem, exposedCells, newSystem, type SolveStats } from "../../actions/aggregate/src/audit/solve.ts";
import { chartViews } from "../../site/_charts/index.ts";
import type { Agg } from "../../site/_lib/agg.ts";
import { addChanges, type SyncChange } from "./changes.ts";
import { addGrowth, addSnapshot, type Snapshot } from "./worker.ts";

export interface AuditInput {
  readonly published: PublishedFiles;
  /** worker answers in time order (e.g. last month's, last night's, tonight's); may be empty */
  readonly snapshots: readonly Snapshot[];
  /** integer programming for every objective (the MILP attack), not only where the LP optimum is fractional */
  readonly milp?: boolean;
  /** the Changes page's differences between syncs (./changes.ts); may be empty */
  readonly changes?: readonly SyncChange[];
}

export interface AuditReport {
  readonly published_cells: number;
  readonly suppressed_cells: number;
  readonly download_cells: number;
  /** download numbers that are not a visible figure of the aggregates (each would need modelling) */
  readonly download_unmatched: number;
  readonly worker_cells: number;
  readonly worker_suppressed: number;
  /** differences between syncs the Changes page lists, and those it shows as "fewer than 5" */
  readonly change_cells: number;
  readonly change_hidden: number;
  readonly relations: number;
  readonly active_relations: number;
  readonly unknowns: number;
  readonly exposed: readonly string[];
  readonly infeasible: number;
  readonly solver: SolveStats;
  readonly seconds: number;
}

export function readPublished(dataDir: string): PublishedFiles {
  const read = <K extends keyof PublishedFiles>(f: K): PublishedFiles[K] => {
    const text = readFileSync(join(dataDir, "aggregated", `${f}.json`), "utf8");
    return AGGREGATED_SCHEMAS[f].parse(JSON.parse(text)) as PublishedFiles[K];
  };
  return {
    certifications: read("certifications"),
    exams: read("exams"),
    journey: read("journey"),
    copilot: read("copilot"),
    skills: read("skills"),
    activity: read("activity"),
    kpis: read("kpis"),
    regions: read("regions"),
  };
}

/** Every visible number of the aggregates (the downloads may only republish these). */
function visibleNumbers(p: PublishedFiles): Set<number> {
  const out = new Set<number>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const v of x) walk(v);
    else if (typeof x === "number") out.add(x);
    else if (x !== null && typeof x === "object") {
      const o = x as Record<string, unknown>;
      if (o.suppressed === true) return;
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(p);
  return out;
}

/** The site's chart downloads (CSV/JSON of exactly the plotted rows): numbers read, and those not in the aggregates. */
export function downloads(p: PublishedFiles): { cells: number; unmatched: number } {
  const known = visibleNumbers(p);
  let cells = 0;
  let unmatched = 0;
  for (const defs of Object.values(chartViews(p as Agg)))
    for (const def of defs)
      for (const row of def.rows)
        for (const col of def.columns) {
          const v = row[col.key];
          if (typeof v !== "number") continue;
          cells++;
          if (!known.has(v)) unmatched++;
        }
  return { cells, unmatched };
}

export async function audit(input: AuditInput): Promise<AuditReport> {
  const t0 = performance.now();
  const sys: AuditSystem = newSystem();
  const tally: Tally = { published: 0, suppressed: 0 };
  addPublished(sys, input.published, tally);
  const dl = downloads(input.published);
  let workerCells = 0;
  let workerSuppressed = 0;
  const figures = input.snapshots.map((s) => {
    const f = addSnapshot(sys, s);
    workerCells += f.cells;
    workerSuppressed += f.suppressed;
    return f;
  });
  for (let i = 1; i < figures.length; i++) {
    const [before, after] = [figures[i - 1], figures[i]];
    const label = `${input.snapshots[i - 1]?.label}→${input.snapshots[i]?.label}`;
    if (before && after) addGrowth(sys, before, after, label);
  }
  const changes = addChanges(sys, input.changes ?? []);
  const { exposed, stats } = await exposedCells(sys, { milp: input.milp === true });
  const unknowns = [...sys.cells.values()].filter((c) => c.value === null).length;
  return {
    published_cells: tally.published,
    suppressed_cells: tally.suppressed,
    download_cells: dl.cells,
    download_unmatched: dl.unmatched,
    worker_cells: workerCells,
    worker_suppressed: workerSuppressed,
    change_cells: changes.cells,
    change_hidden: changes.hidden,
    relations: sys.relations.length,
    active_relations: stats.activeRelations,
    unknowns,
    exposed: [...exposed].sort(),
    infeasible: stats.infeasible,
    solver: stats,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
}
