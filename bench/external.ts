/**
 * Bench items that run the other parts' own bench scripts (each times itself beside its anchor in the same run) and
 * parse their output: aggregation vs DuckDB, data diff vs git diff, site build + page budget, worker.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "#core/schema.ts";
import { runNode } from "../sim/demo/children.ts";
import { type BenchContext, type BenchItem, compared, figure, repeat, round } from "./lib.ts";

async function script(path: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await runNode(join(REPO_ROOT, path), args, { ...process.env, ...env });
  if (r.code !== 0) throw new Error(`${path} exited ${r.code}: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return r.stdout;
}

/** Runs a part's own bench script and returns its `{"bench":"<name>",…}` line, parsed. */
export async function benchJson<T>(
  path: string,
  args: readonly string[],
  name: string,
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  const out = await script(path, args, env);
  const line = out.split("\n").find((l) => l.startsWith(`{"bench":"${name}"`));
  if (line === undefined) throw new Error(`${path} printed no {"bench":"${name}",…} line:\n${out}`);
  return JSON.parse(line) as T;
}

function num(text: string, re: RegExp, what: string): number {
  const m = re.exec(text);
  if (m?.[1] === undefined) throw new Error(`could not read ${what} from:\n${text}`);
  return Number(m[1]);
}

export function skipped(id: string, title: string, note: string): BenchItem {
  return { id, title, status: "skipped", note, seconds: 0 };
}

/**
 * `sides`: a directory where each run also leaves its aggregate's files and timings (`run-<i>/`, bench/aggregate.ts
 * --side), the aggregate-kusto item's DuckDB anchor.
 */
export async function aggregateItem(ctx: BenchContext, dataDir: string, sides?: string): Promise<BenchItem> {
  const path = "bench/aggregate.ts";
  const title = "Aggregation vs DuckDB alone";
  if (!existsSync(join(REPO_ROOT, path))) return skipped("aggregate", title, `${path} does not exist`);
  const t0 = performance.now();
  let run = 0;
  // at M a run is DuckDB alone + the aggregate, ~18 s on a quiet machine: 2 runs there (docs/bench.md), 3 below M
  const outs = await repeat(ctx, ctx.scale === "M" ? 2 : 3, () =>
    script(path, [
      "--data-dir",
      dataDir,
      "--skip-oracle",
      ...(sides === undefined ? [] : ["--side", join(sides, `run-${run++}`)]),
    ]),
  );
  const duck = outs.map((o) => num(o, /duckdb alone \(load \+ \d+ queries\): ([\d.]+) s/, "duckdb seconds"));
  const agg = outs.map((o) => num(o, /aggregate \(engine[^:]*: ([\d.]+) s/, "aggregate seconds"));
  const rss = num(outs[0] ?? "", /(\d+) MB after aggregate/, "peak RSS");
  return compared(
    {
      id: "aggregate",
      title,
      measure: figure("npm run aggregate (engine + suppression + JSON)", "s", agg),
      anchor: figure("DuckDB alone: load the CSVs + the same queries", "s", duck),
      target: "ratio ≤ 2, peak RSS < 1 GB",
      extra: { peak_rss_mb: rss },
    },
    t0,
  );
}

export async function diffItem(_ctx: BenchContext, rows: number): Promise<BenchItem> {
  const path = "bench/data-diff.ts";
  const title = `Data diff vs git diff (${rows.toLocaleString("en-US")} rows, 1% changed) and daff (100,000 rows)`;
  if (!existsSync(join(REPO_ROOT, path))) return skipped("diff", title, `${path} does not exist`);
  const t0 = performance.now();
  // the diff bench repeats each side itself: "…: median 0.11 s (runs: 0.23, 0.11, 0.07)"
  const out = await script(path, ["--rows", String(rows), "--daff", "--daff-rows", "100000"]);
  const runs = (re: RegExp, what: string): number[] => {
    const m = re.exec(out);
    if (m?.[1] === undefined) throw new Error(`could not read ${what} from:\n${out}`);
    return m[1].split(",").map((x) => Number(x.trim()));
  };
  const git = runs(/git diff --no-index: median [\d.]+ s \(runs: ([\d., ]+)\)/, "git seconds");
  const keyed = runs(/npm run diff \(keyed, streaming\): median [\d.]+ s \(runs: ([\d., ]+)\)/, "diff seconds");
  return compared(
    {
      id: "diff",
      title,
      measure: figure("npm run diff (keyed, streaming, Markdown report)", "s", keyed),
      anchor: figure("git diff --no-index on the same two files", "s", git),
      extra: {
        peak_rss_mib: num(out, /peak RSS (\d+) MiB/, "peak RSS"),
        daff_100k_s: num(out, /daff 100000 rows \(keyed\): median ([\d.]+) s/, "daff seconds"),
        diff_100k_s: num(out, /npm run diff 100000 rows: median ([\d.]+) s/, "diff seconds at 100k"),
        diff_100k_vs_daff: num(out, /= ([\d.]+)× daff/, "ratio to daff"),
      },
    },
    t0,
  );
}

interface SiteBench {
  build_ms: { median: number; min: number; max: number; runs: number; times: number[] };
  build_budget_ms: number;
  first_chart_js_css: readonly { viewport: string; bytes: number; gzip: number }[];
  first_chart_budget_bytes: number;
  lighthouse: { score_median: number; score_min: number; score_max: number; target: number; runs: unknown[] } | null;
}

export async function siteItem(_ctx: BenchContext, dataDir: string, scale: string): Promise<BenchItem> {
  const path = "bench/site.ts";
  const title = "Site build time and first-chart page budget";
  if (!existsSync(join(REPO_ROOT, path))) return skipped("site", title, `${path} does not exist`);
  const t0 = performance.now();
  const out = await script(path, ["--data-dir", dataDir, "--runs", "3", "--lighthouse-runs", "3"]);
  const json = JSON.parse(out.slice(out.indexOf("{"))) as SiteBench;
  const b = json.build_ms;
  const pages = Array.isArray(json.first_chart_js_css) ? json.first_chart_js_css : [json.first_chart_js_css];
  const extra: Record<string, number | string> = { build_budget_ms: json.build_budget_ms };
  for (const p of pages) {
    extra[`first_chart_bytes_${p.viewport}`] = p.bytes;
    extra[`first_chart_gzip_${p.viewport}`] = p.gzip;
  }
  extra.first_chart_budget_bytes = json.first_chart_budget_bytes;
  const lh = json.lighthouse;
  if (lh !== null) {
    extra.lighthouse_overview_median = lh.score_median;
    extra.lighthouse_overview_min_max = `${lh.score_min}–${lh.score_max} (n=${lh.runs.length})`;
    extra.lighthouse_target = lh.target;
  }
  return compared(
    {
      id: "site",
      title,
      scale,
      measure: figure("full site build (fresh process)", "ms", b.times),
      anchor: figure("build budget", "ms", [json.build_budget_ms]),
      target: "build ≤ budget; JS+CSS before the first chart ≤ 50 KB; Lighthouse performance ≥ 98 (overview)",
      extra,
    },
    t0,
  );
}

export async function workerItem(_ctx: BenchContext): Promise<BenchItem> {
  const path = "bench/worker.ts";
  const title = "Worker: cache-hit latency vs static asset, single-flight, fallback";
  if (!existsSync(join(REPO_ROOT, path))) return skipped("worker", title, `${path} does not exist`);
  const t0 = performance.now();
  const { figures } = await benchJson<{ figures: Record<string, number | string | boolean> }>(
    path,
    ["--duration", "10"],
    "worker",
  );
  const pick = (k: string): number | undefined => {
    const v = figures[k];
    return typeof v === "number" ? v : undefined;
  };
  const hit = pick("hit_p99_ms");
  const anchor = pick("anchor_p99_ms");
  return {
    id: "worker",
    title,
    status: "ok",
    ...(hit === undefined ? {} : { measure: figure("cache hit p99 (/api/metrics/exams-fy)", "ms", [hit]) }),
    ...(anchor === undefined ? {} : { anchor: figure("static asset p99, same wrangler dev", "ms", [anchor]) }),
    ...(hit !== undefined && anchor !== undefined && anchor > 0 ? { ratio: round(hit / anchor) } : {}),
    target: "hit p99 ≤ 2 × anchor; 1 upstream query for 1,000 cold requests; fallback ≤ timeout + 50 ms",
    extra: figures,
    seconds: round((performance.now() - t0) / 1000, 1),
  };
}
