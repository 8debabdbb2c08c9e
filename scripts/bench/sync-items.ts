/**
 * Bench items that run the real sync CLI against the simulators: Kusto export beside raw transport of the same
 * tables, and GitHub re-sync request counts beside refetching everything.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fiscalYearRange } from "../../actions/shared/fiscal.ts";
import { REPO_ROOT } from "../../actions/shared/schema.ts";
import { formatDatetime } from "../../sim/kusto/encode.ts";
import { CLUSTER_KEYS, loadUpstream } from "../../sim/kusto/upstream-schema.ts";
import { type Simulators, startSimulators } from "../../sim/start.ts";
import { runNode } from "../demo/children.ts";
import { childEnv } from "../demo/pipeline.ts";
import { type BenchContext, type BenchItem, figure, repeat, round } from "./lib.ts";

const EXAM_TABLES = new Set(["PearsonExamResults", "ExamEligibility", "ExamScheduling", "ExamResults"]);
const FYS = ["FY22", "FY23", "FY24", "FY25", "FY26", "FY27"];

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ace-bench-sync-"));
  mkdirSync(join(dir, "data"));
  cpSync(join(REPO_ROOT, "data", "schema"), join(dir, "data", "schema"), { recursive: true });
  return join(dir, "data");
}

async function sync(sims: Simulators, dataDir: string, args: readonly string[]): Promise<number> {
  const t = performance.now();
  const r = await runNode(join(REPO_ROOT, "scripts/sync.ts"), [...args, "--data-dir", dataDir], childEnv(sims.env));
  if (r.code !== 0)
    throw new Error(`sync ${args.join(" ")} exited ${r.code}: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return (performance.now() - t) / 1000;
}

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${url}/v2/rest/query`);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        headers: { "content-type": "application/json" },
      },
      (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => {
          bytes += c.length;
        });
        res.on("end", () => resolve(bytes));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The anchor: the same exam tables read raw over HTTP in fiscal-year windows (no client, no CSV, no checks). */
async function transport(sims: Simulators): Promise<{ seconds: number; bytes: number }> {
  const upstream = loadUpstream();
  const t = performance.now();
  let bytes = 0;
  for (const key of ["cse", "gh"] as const) {
    const cluster = upstream.clusters.find((c) => c.name === CLUSTER_KEYS[key]);
    for (const table of cluster?.tables.filter((x) => EXAM_TABLES.has(x.name)) ?? []) {
      for (const fy of FYS) {
        const w = fiscalYearRange(fy);
        const csl = [
          "declare query_parameters(window_start:datetime, window_end:datetime);",
          `${table.name} | where ${table.timeColumn} >= window_start and ${table.timeColumn} < window_end`,
          `| project ${table.columns.map((c) => c.name).join(", ")} | order by ${table.key.map((k) => `${k} asc`).join(", ")}`,
        ].join("\n");
        const params = {
          window_start: `datetime(${formatDatetime(w.start)})`,
          window_end: `datetime(${formatDatetime(w.end)})`,
        };
        bytes += await post(
          sims.kusto.clusters[key].url,
          JSON.stringify({ db: sims.kusto.clusters[key].database, csl, properties: { Parameters: params } }),
        );
      }
    }
  }
  return { seconds: (performance.now() - t) / 1000, bytes };
}

export async function kustoItem(ctx: BenchContext, sims: Simulators): Promise<BenchItem> {
  const t0 = performance.now();
  await transport(sims); // warm the simulator's table cache so both sides read from memory
  const anchors = await repeat(ctx, 3, () => transport(sims));
  const dirs: string[] = [];
  const exports = await repeat(ctx, 3, async () => {
    const dir = freshDir();
    dirs.push(dir);
    return sync(sims, dir, ["--kusto-only", "--datasets", "individual_exams"]);
  });
  const record = JSON.parse(readFileSync(join(dirs[0] ?? "", "sync-run.json"), "utf8")) as {
    datasets: Record<string, { rows: number | null; bytes: number | null }>;
  };
  for (const d of dirs) rmSync(join(d, ".."), { recursive: true, force: true });
  const measure = figure("sync individual_exams (4 upstream tables → 1 CSV)", "s", exports);
  const anchor = figure(
    "raw HTTP read of the same 4 tables × 6 FY windows",
    "s",
    anchors.map((a) => a.seconds),
  );
  const exams = record.datasets.individual_exams;
  return {
    id: "kusto",
    title: "Kusto export vs transport",
    status: "ok",
    scale: `${sims.world.people} people`,
    measure,
    anchor,
    ratio: round(measure.median / anchor.median),
    extra: {
      rows: exams?.rows ?? 0,
      csv_bytes: exams?.bytes ?? 0,
      transport_bytes: anchors[0]?.bytes ?? 0,
      rows_per_s: round((exams?.rows ?? 0) / measure.median, 0),
    },
    seconds: round((performance.now() - t0) / 1000, 1),
  };
}

function counts(sims: Simulators, from: number): { total: number; ok200: number; not304: number; was304: number } {
  const reqs = sims.github.requests.slice(from);
  const was304 = reqs.filter((r) => r.was304).length;
  return {
    total: reqs.length,
    ok200: reqs.filter((r) => r.status === 200).length,
    not304: reqs.length - was304,
    was304,
  };
}

export async function githubItem(ctx: BenchContext, sims: Simulators): Promise<BenchItem> {
  const t0 = performance.now();
  const dir = freshDir();
  try {
    let mark = sims.github.requests.length;
    const firstSecs = await sync(sims, dir, ["--github-only"]);
    const first = counts(sims, mark);
    mark = sims.github.requests.length;
    const againSecs = await sync(sims, dir, ["--github-only"]);
    const again = counts(sims, mark);
    ctx.log(`  github: first run ${first.total} requests, re-sync ${again.total} (${again.was304} × 304)`);
    return {
      id: "github",
      title: "GitHub re-sync requests vs refetch-everything",
      status: "ok",
      scale: `${sims.world.people} people`,
      measure: figure("re-sync: requests answered with a body (not 304)", "requests", [again.not304]),
      anchor: figure("refetch everything (a run without state)", "requests", [first.total]),
      ratio: first.total === 0 ? 0 : round(again.not304 / first.total, 3),
      extra: {
        first_run_requests: first.total,
        first_run_200: first.ok200,
        resync_requests: again.total,
        resync_304: again.was304,
        resync_200: again.ok200,
        first_run_s: round(firstSecs, 1),
        resync_s: round(againSecs, 1),
      },
      seconds: round((performance.now() - t0) / 1000, 1),
    };
  } finally {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  }
}

export { startSimulators };
