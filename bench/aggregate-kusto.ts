/**
 * node bench/aggregate-kusto.ts [--data-dir DIR] [--threads N] [--duckdb-runs DIR]   (issue 20 item 4; docs/kusto-engine.md)
 * The aggregate with --engine duckdb beside --engine kusto over the same datasets, each engine in its own process:
 *  1. duckdb: the whole aggregation from the CSVs of DIR (load + queries + build), its peak RSS — or, with
 *     --duckdb-runs, the runs the bench's aggregate item just made of exactly that (bench/aggregate.ts --side: its
 *     timings and its aggregated/*.json, written in the same bench run), so the bench does not run DuckDB twice;
 *  2. the Kusto simulator's aggregate database loading DIR (its own process: load time and peak RSS reported apart);
 *  3. kusto: the whole aggregation against that database through azure-kusto-data, its peak RSS (client side only);
 * then checks that every DuckDB run and the Kusto run wrote byte-identical aggregated/*.json (sha256 of each file
 * read back from disk) and prints one {"bench":"aggregate-kusto",…} line. The roles run as
 * `--role duckdb|kusto|serve` children of the same script.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { DATA_DIR_OPTION, dataDir as dataDirOf, parseCli, runMain } from "#core/args.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { aggregate } from "../actions/aggregate/src/aggregate.ts";
import { kustoEnv, start } from "../sim/kusto/index.ts";
import { createFixtureUpstream } from "../test/harness/sim-kusto/fixture.ts";
import { hashFiles, rssMb, type Side, sideRuns, writeSide } from "./aggregate-side.ts";
import { median } from "./lib.ts";

const USAGE = `usage: node bench/aggregate-kusto.ts [--data-dir DIR] [--threads N] [--duckdb-runs DIR] [--role duckdb|kusto|serve --out DIR]
  --data-dir DIR    the datasets (default: bench/cache/M)
  --threads N       DuckDB's thread count (default: DuckDB's)
  --duckdb-runs DIR the DuckDB anchor from DIR/run-*/ (bench/aggregate.ts --side, same data directory, same bench
                    run) instead of running DuckDB here; without a complete run there, DuckDB runs here
  --role R          internal: run one side (duckdb, kusto: needs KUSTO_AGG_URL / KUSTO_AGG_DATABASE; serve: the simulator)
  --out DIR         internal: where a role writes aggregated/*.json
  -h, --help        print this help and exit
`;

const ACE_NOW = process.env.ACE_NOW ?? "2026-11-24T02:00:00Z";
const SELF = fileURLToPath(import.meta.url);

async function runSide(engine: "duckdb" | "kusto", dataDir: string, out: string, threads?: number): Promise<void> {
  const t = performance.now();
  const r = await aggregate(dataDir, { aceNow: ACE_NOW, engine, ...(threads === undefined ? {} : { threads }) });
  const side = writeSide(out, engine, performance.now() - t, r);
  process.stdout.write(`SIDE ${JSON.stringify(side)}\n`);
}

async function serve(dataDir: string): Promise<void> {
  const t = performance.now();
  const sim = await start({ world: { kusto: createFixtureUpstream({ rows: 1 }) }, aggregateDataDir: dataDir });
  // the simulator reads the CSVs on the first query: loaded here so the load is timed apart from the queries
  await sim.loadAggregate?.();
  const load = (performance.now() - t) / 1000;
  process.stdout.write(`READY ${JSON.stringify({ env: kustoEnv(sim), load_s: load, rss_mb: rssMb() })}\n`);
  // serves until the parent closes stdin
  process.stdin.resume();
  await new Promise<void>((resolve) => process.stdin.once("end", () => resolve()));
  process.stdout.write(`SERVED ${JSON.stringify({ peak_rss_mb: rssMb() })}\n`);
  await sim.close();
}

interface Child {
  readonly proc: ChildProcess;
  /** the first stdout line starting with `tag `, parsed (rejected when the child exits without one) */
  tagged<T>(tag: string): Promise<T>;
}

function child(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Child {
  const proc = spawn(process.execPath, [SELF, ...args], { env, stdio: ["pipe", "pipe", "inherit"] });
  const lines: string[] = [];
  const waiting: (() => void)[] = [];
  let exited: number | null | undefined;
  if (proc.stdout === null) throw new Error("child without stdout");
  createInterface({ input: proc.stdout }).on("line", (l) => {
    lines.push(l);
    for (const w of waiting) w();
  });
  proc.once("close", (code) => {
    exited = code;
    for (const w of waiting) w();
  });
  return {
    proc,
    tagged<T>(tag: string) {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const hit = lines.find((l) => l.startsWith(`${tag} `));
          if (hit !== undefined) resolve(JSON.parse(hit.slice(tag.length + 1)) as T);
          else if (exited !== undefined) reject(new Error(`${args.join(" ")}: exited ${exited} before ${tag}`));
          else return false;
          return true;
        };
        if (!check()) waiting.push(() => void check());
      });
    },
  };
}

async function side(engine: "duckdb" | "kusto", args: string[], env?: NodeJS.ProcessEnv): Promise<Side> {
  const c = child(["--role", engine, ...args], env);
  c.proc.stdin?.end();
  return c.tagged<Side>("SIDE");
}

/** The DuckDB side: the aggregate item's runs when given and complete, else one run here. */
async function duckdbRuns(
  common: readonly string[],
  tmp: string,
  given: string | undefined,
): Promise<{ runs: { dir: string; side: Side }[]; reused: boolean }> {
  const runs = given === undefined ? [] : sideRuns(given);
  if (runs.length > 0) return { runs, reused: true };
  const dir = join(tmp, "duckdb");
  return { runs: [{ dir, side: await side("duckdb", [...common, "--out", dir]) }], reused: false };
}

async function orchestrate(dataDir: string, threads: string | undefined, given: string | undefined): Promise<number> {
  const tmp = mkdtempSync(join(tmpdir(), "bench-aggregate-kusto-"));
  try {
    const common = ["--data-dir", dataDir, ...(threads === undefined ? [] : ["--threads", threads])];
    const { runs, reused } = await duckdbRuns(common, tmp, given);
    const duckTotals = runs.map((r) => r.side.total_s);
    // the run whose total is the median's (or the first of the two middle ones) gives the load/queries/build split
    const duck = [...runs].sort((a, b) => a.side.total_s - b.side.total_s)[Math.floor((runs.length - 1) / 2)]?.side;
    if (duck === undefined) throw new Error("no DuckDB run");
    console.log(
      `duckdb${reused ? ` (the aggregate item's ${runs.length} run(s) of this bench run)` : ""}: ${duckTotals.map((x) => x.toFixed(2)).join(", ")} s (median run: load ${duck.load_s.toFixed(2)}, queries ${duck.queries_s.toFixed(2)}, build ${duck.build_s.toFixed(2)}); peak RSS ${duck.peak_rss_mb} MB`,
    );
    const server = child(["--role", "serve", "--data-dir", dataDir]);
    const sim = await server.tagged<{ env: Record<string, string>; load_s: number; rss_mb: number }>("READY");
    console.log(
      `simulator: aggregate database loaded in ${sim.load_s.toFixed(2)} s; RSS ${sim.rss_mb} MB after loading`,
    );
    const kustoDir = join(tmp, "kusto");
    let kusto: Side;
    try {
      kusto = await side("kusto", [...common, "--out", kustoDir], { ...process.env, ...sim.env });
    } finally {
      server.proc.stdin?.end();
    }
    const simPeak = (await server.tagged<{ peak_rss_mb: number }>("SERVED")).peak_rss_mb;
    console.log(
      `kusto: ${kusto.total_s.toFixed(2)} s (queries ${kusto.queries_s.toFixed(2)}, build ${kusto.build_s.toFixed(2)}); peak RSS ${kusto.peak_rss_mb} MB (client); simulator peak RSS ${simPeak} MB`,
    );
    // every file as written, read back: each DuckDB run's against the Kusto run's
    const kustoFiles = hashFiles(kustoDir);
    const names = Object.keys(kustoFiles);
    const differ = new Set<string>();
    for (const r of runs) {
      const duckFiles = hashFiles(r.dir);
      for (const n of new Set([...names, ...Object.keys(duckFiles)]))
        if (duckFiles[n] === undefined || duckFiles[n] !== kustoFiles[n]) differ.add(n);
    }
    const equal = names.length > 0 && differ.size === 0;
    console.log(
      `outputs: ${names.length} files, ${equal ? "byte-identical" : `DIFFER: ${[...differ].sort().join(", ")}`} (${runs.length} DuckDB run(s) against the Kusto run)`,
    );
    const bytes = readFileSync(join(kustoDir, "aggregated", "kpis.json")).length;
    console.log(
      JSON.stringify({
        bench: "aggregate-kusto",
        data_dir: dataDir,
        duckdb_s: median(duckTotals),
        duckdb_runs_s: duckTotals,
        duckdb_reused: reused,
        duckdb_queries_s: duck.queries_s,
        duckdb_load_s: duck.load_s,
        duckdb_peak_rss_mb: duck.peak_rss_mb,
        kusto_s: kusto.total_s,
        kusto_queries_s: kusto.queries_s,
        kusto_peak_rss_mb: kusto.peak_rss_mb,
        sim_load_s: sim.load_s,
        sim_peak_rss_mb: simPeak,
        build_s: kusto.build_s,
        equal,
        kpis_bytes: bytes,
      }),
    );
    return equal ? 0 : 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      ...DATA_DIR_OPTION,
      threads: { type: "string" },
      role: { type: "string" },
      out: { type: "string" },
      "duckdb-runs": { type: "string" },
    },
  });
  const dataDir = values["data-dir"] ? dataDirOf(values) : join(REPO_ROOT, "bench", "cache", "M");
  const threads = values.threads;
  if (threads !== undefined && !/^\d+$/.test(threads)) throw new Error(`--threads must be a whole number: ${threads}`);
  const role = values.role;
  if (role === "serve") {
    await serve(dataDir);
    return 0;
  }
  if (role === "duckdb" || role === "kusto") {
    if (values.out === undefined) throw new Error("--role needs --out DIR");
    await runSide(role, dataDir, values.out, threads === undefined ? undefined : Number(threads));
    return 0;
  }
  if (role !== undefined) throw new Error(`--role must be duckdb, kusto or serve: ${role}`);
  return orchestrate(dataDir, threads, values["duckdb-runs"]);
}

runMain("bench", main);
