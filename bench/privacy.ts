/**
 * Bench item "privacy": the attacker's audit (`npm run audit:privacy`, docs/privacy.md) over the bench world's
 * published aggregates, with the previous night rendered from the world at the same scale and seed. Prints its counts
 * (cells, suppressed, relations, solves, exposed) and its time beside the aggregation's own time in the same run (the
 * aggregate item's median, else the aggregation run that writes the aggregates audited): both read the same world.
 */
import { join } from "node:path";
import { REPO_ROOT } from "#core/schema.ts";
import { runNode } from "../sim/demo/children.ts";
import { type BenchContext, type BenchItem, compared, type Figure, figure, round } from "./lib.ts";

interface AuditJson {
  readonly published_cells: number;
  readonly suppressed_cells: number;
  readonly download_cells: number;
  readonly download_unmatched: number;
  readonly relations: number;
  readonly unknowns: number;
  readonly exposed: readonly string[];
  readonly infeasible: number;
  readonly solver: { components: number; largestComponent: number; lpSolves: number; milpSolves: number };
  readonly seconds: number;
  readonly read_seconds: number;
}

/** `npm run aggregate` over the world (writes the aggregates the audit reads): seconds. */
async function aggregateSeconds(dataDir: string): Promise<number> {
  const t = performance.now();
  const env = { ...process.env, ACE_NOW: process.env.ACE_NOW ?? "2026-11-24T02:00:00Z" };
  const r = await runNode(join(REPO_ROOT, "scripts/aggregate.ts"), ["--data-dir", dataDir], env);
  if (r.code !== 0) throw new Error(`aggregate exited ${r.code}: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return round((performance.now() - t) / 1000, 2);
}

export async function privacyItem(
  ctx: BenchContext,
  dataDir: string,
  aggregation: Figure | undefined,
): Promise<BenchItem> {
  const t0 = performance.now();
  // the aggregate item times aggregate() without writing: write the aggregates the audit reads, and time that too
  const written = figure("npm run aggregate --data-dir <world> (writes the aggregates audited)", "s", [
    await aggregateSeconds(dataDir),
  ]);
  const anchor = aggregation ?? written;
  const t = performance.now();
  const args = ["--data-dir", dataDir, "--scale", ctx.scale, "--json"];
  const r = await runNode(join(REPO_ROOT, "test/privacy/cli.ts"), args, { ...process.env });
  const wall = round((performance.now() - t) / 1000, 2);
  const start = r.stdout.indexOf("{");
  // exit 1 = something exposed: still a result to print; anything else without a report is a failure
  if (start < 0) throw new Error(`audit:privacy exited ${r.code}: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  const a = JSON.parse(r.stdout.slice(start)) as AuditJson;
  ctx.log(
    `  privacy: ${a.published_cells} cells (${a.suppressed_cells} suppressed), ${a.unknowns} unknowns, ` +
      `${a.solver.components} components (largest ${a.solver.largestComponent}), ${a.solver.lpSolves} LP + ` +
      `${a.solver.milpSolves} MILP; exposed ${a.exposed.length}; ${a.seconds} s solve + ${a.read_seconds} s reading`,
  );
  return compared(
    {
      id: "privacy",
      title: "Privacy audit (npm run audit:privacy) vs the aggregation",
      measure: figure("npm run audit:privacy (read + 3 worker snapshots + solve)", "s", [wall]),
      anchor: { ...anchor, label: `${anchor.label} (same world, same run)` },
      target: "0 exposed, 0 inconsistent, 0 unmatched downloads",
      extra: {
        exposed: a.exposed.length,
        infeasible: a.infeasible,
        download_unmatched: a.download_unmatched,
        published_cells: a.published_cells,
        suppressed_cells: a.suppressed_cells,
        unknowns: a.unknowns,
        relations: a.relations,
        components: a.solver.components,
        largest_component: a.solver.largestComponent,
        lp_solves: a.solver.lpSolves,
        milp_solves: a.solver.milpSolves,
        solve_seconds: a.seconds,
        read_seconds: a.read_seconds,
        aggregate_write_seconds: written.median,
        ok: r.code === 0,
      },
    },
    t0,
  );
}
