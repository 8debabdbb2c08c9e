/**
 * npm run bench:aggregate [-- --data-dir bench/cache/M] [--threads N]
 * Times, over the same CSVs in the same run:
 *  1. "duckdb": DuckDB alone loading the CSVs and running the same aggregate queries (sql/*.sql);
 *  2. "aggregate": the whole aggregation (the DuckDB engine + cells, suppression, schema checks, JSON);
 *  3. the streaming TypeScript oracle over its subset (4 aggregates), beside DuckDB loading and running that subset,
 *     and checks both give equal results.
 * Prints the time ratio aggregate / duckdb (target ≤ 2) and the peak RSS of the process (target < 1 GB).
 * Scale M CSVs: `npm run world -- --scale M --data-dir bench/cache/M`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DATA_DIR_OPTION, dataDir as dataDirOf, parseCli, runMain } from "#core/args.ts";
import { getSchema, REPO_ROOT } from "#core/schema.ts";
import { aggregate, computeRaw } from "../actions/aggregate/src/aggregate.ts";
import {
  installMacros,
  loadDatasets,
  openDuck,
  openDuckEngine,
  runSql,
} from "../actions/aggregate/src/engine/duckdb.ts";
import { canonical, ORACLE_QUERIES, runOracle } from "../test/harness/aggregate/oracle.ts";
import { writeSide } from "./aggregate-side.ts";

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const USAGE = `usage: npm run bench:aggregate -- [--data-dir DIR] [--threads N] [--skip-oracle] [--side DIR]
  --data-dir DIR    the CSVs aggregated (default: bench/cache/M)
  --threads N       DuckDB's thread count (default: DuckDB's)
  --skip-oracle     skip the streaming TypeScript oracle and its comparison
  --side DIR        also write the aggregate's files to DIR/aggregated/ and its timings to DIR/side.json (after
                    timing it): the aggregate-kusto item's DuckDB anchor (bench/aggregate-side.ts)
  -h, --help        print this help and exit
`;

async function main(): Promise<number> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      ...DATA_DIR_OPTION,
      threads: { type: "string" },
      "skip-oracle": { type: "boolean", default: false },
      side: { type: "string" },
    },
  });
  const dataDir = values["data-dir"] ? dataDirOf(values) : join(REPO_ROOT, "bench", "cache", "M");
  if (!existsSync(join(dataDir, "individual_exams")) && !existsSync(join(dataDir, "individual_exams.csv"))) {
    console.error(`bench: no CSVs in ${dataDir}; run: npm run world -- --scale M --data-dir ${dataDir}`);
    return 2;
  }
  const threadsArg = values.threads;
  const threads = threadsArg === undefined ? undefined : Number(threadsArg);
  const aceNow = process.env.ACE_NOW ?? "2026-11-24T02:00:00Z";

  let t = performance.now();
  const duck = await openDuckEngine(threads);
  const { raw, asOf } = await computeRaw(duck, dataDir, aceNow);
  const duckMs = performance.now() - t;
  duck.close();
  const rssAfterDuck = process.resourceUsage().maxRSS;

  t = performance.now();
  const result = await aggregate(dataDir, { aceNow, ...(threads === undefined ? {} : { threads }) });
  const aggMs = performance.now() - t;
  const rssAfterAgg = process.resourceUsage().maxRSS;
  if (values.side !== undefined) writeSide(values.side, "duckdb", aggMs, result);

  console.log(`data: ${dataDir} (as_of ${asOf})`);
  console.log(`duckdb alone (load + ${Object.keys(raw).length} queries): ${s(duckMs)}`);
  console.log(
    `aggregate (engine + build + suppression + JSON): ${s(aggMs)} ` +
      `[load ${s(result.timings.load)}, queries ${s(result.timings.queries)}, build ${s(result.timings.build)}]`,
  );
  console.log(`ratio aggregate / duckdb: ${(aggMs / duckMs).toFixed(2)} (target ≤ 2)`);
  console.log(`peak RSS: ${mb(rssAfterDuck)} after duckdb, ${mb(rssAfterAgg)} after aggregate (target < 1024 MB)`);

  if (!values["skip-oracle"]) {
    t = performance.now();
    const subsetDuck = await openDuck(threads);
    await loadDatasets(
      subsetDuck,
      dataDir,
      ["certified_users", "individual_exams", "journey_complete", "product_usage"].map(getSchema),
    );
    await installMacros(subsetDuck);
    for (const q of ORACLE_QUERIES) await runSql(subsetDuck, q, asOf);
    subsetDuck.close();
    const duckSubset = performance.now() - t;
    t = performance.now();
    const oracle = await runOracle(dataDir);
    const tsMs = performance.now() - t;
    const equal = ORACLE_QUERIES.every(
      (q) => JSON.stringify(canonical(oracle[q])) === JSON.stringify(canonical(raw[q])),
    );
    console.log(
      `oracle subset (${ORACLE_QUERIES.join(", ")}): streaming TypeScript ${s(tsMs)} vs DuckDB queries ${s(duckSubset)} ` +
        `(both reading the CSVs); results ${equal ? "equal" : "DIFFER"}`,
    );
    console.log(`peak RSS at the end: ${mb(process.resourceUsage().maxRSS)}`);
    if (!equal) return 1;
  }
  return 0;
}

runMain("bench", main);
