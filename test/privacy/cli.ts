/**
 * npm run audit:privacy [-- --data-dir DIR] [--previous DIR | --scale S|M --seed N] [--milp] [--json]
 * The attacker's audit (docs/privacy.md): reads every published figure of DIR (aggregates, chart downloads, the
 * worker's public metrics last month, last night and tonight, the Changes page's differences between syncs), solves
 * every suppressed cell's feasible range with HiGHS and exits 1 when any cell is exposed or the model is
 * inconsistent. Prints counts and exposed cell ids only.
 * The night before comes from --previous DIR (a data directory one night earlier) or else from the world
 * (sim/world) at the same --scale/--seed (default S, 7: the committed data).
 */

import { resolve } from "node:path";
import { DATA_DIR_OPTION, dataDir as dataDirOf, parseCli } from "#core/args.ts";
import { throughDay } from "../../worker/src/metrics.ts";
import { audit, readPublished } from "./audit.ts";
import { syncChanges } from "./changes.ts";
import { factsFromDir, factsFromWorld, metricYears, snapshot } from "./worker.ts";

const DAY = 86_400_000;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: `usage: npm run audit:privacy -- [--data-dir DIR] [--previous DIR | --scale S|M --seed N] [--milp] [--json]
  --data-dir DIR    the data directory audited (default: data/)
  --previous DIR    the data directory one night earlier (default: the world at --scale and --seed)
  --scale S|M       the world of the night before (default: S)
  --seed N          its seed (default: 7)
  --milp            solve every objective as a MILP (the integer-programming attack)
  --json            print the report as JSON
  -h, --help        print this help and exit
`,
    options: {
      ...DATA_DIR_OPTION,
      previous: { type: "string" },
      scale: { type: "string", default: "S" },
      seed: { type: "string", default: "7" },
      milp: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const dataDir = dataDirOf(values);
  const t0 = performance.now();
  const published = readPublished(dataDir);
  const now = new Date(published.kpis.as_of);
  const night = new Date(now.getTime() - DAY);
  // what the worker answered during the previous month (its last day)
  const lastMonth = new Date(`${throughDay(now)}T12:00:00Z`);
  // only the facts the metrics can count at these three moments are kept (same answers, a fraction of the memory)
  const years = metricYears([lastMonth, night, now]);
  const facts = await factsFromDir(dataDir, years);
  const previous =
    values.previous !== undefined
      ? await factsFromDir(resolve(values.previous), years)
      : factsFromWorld({ scale: values.scale, seed: Number(values.seed), now: night, years });
  const snapshots = [
    snapshot("last-month", facts, lastMonth),
    snapshot("night-before", previous, night),
    snapshot("tonight", facts, now),
  ];
  const tRead = performance.now() - t0;
  const report = await audit({ published, snapshots, milp: values.milp, changes: syncChanges(dataDir) });
  const ok = report.exposed.length === 0 && report.infeasible === 0 && report.download_unmatched === 0;
  if (values.json) {
    console.log(JSON.stringify({ ...report, read_seconds: Math.round(tRead / 100) / 10, ok }, null, 2));
  } else {
    const lines = [
      `privacy audit of ${dataDir} (as of ${published.kpis.as_of}, k = 5)`,
      `published cells: ${report.published_cells} in data/aggregated (${report.suppressed_cells} suppressed)`,
      `chart downloads: ${report.download_cells} numbers, ${report.download_unmatched} not among the visible aggregates`,
      `worker metrics: ${report.worker_cells} cells over ${snapshots.length} snapshots (${report.worker_suppressed} suppressed)`,
      `changes page: ${report.change_cells} differences between syncs (${report.change_hidden} shown as "fewer than 5")`,
      `relations: ${report.relations} (${report.active_relations} with a hidden cell), unknowns: ${report.unknowns}`,
      `solver: ${report.solver.components} components (largest ${report.solver.largestComponent}), ${report.solver.lpSolves} LP + ${report.solver.milpSolves} MILP solves, ${report.seconds} s (+${(tRead / 1000).toFixed(1)} s reading)`,
      `exposed: ${report.exposed.length}${report.infeasible > 0 ? `; INCONSISTENT model: ${report.infeasible} infeasible relations` : ""}`,
      ...report.exposed.map((id) => `  exposed ${id}`),
    ];
    console.log(lines.join("\n"));
  }
  if (!ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`audit:privacy: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
