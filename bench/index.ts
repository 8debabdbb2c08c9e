/**
 * `npm run bench [-- --scale M|S] [--only a,b] [--skip a,b] [--out DIR] [--merge] [--nights N] [--layout L] [--fresh]`
 * Every benchmark beside its anchor in the same run → bench/results.json + bench/results.md (docs/bench.md).
 * Items: kusto, kusto-night, github, aggregate, aggregate-kusto, diff, site, worker, growth. The scale-M world is
 * generated once into bench/cache/M (git-ignored). Items that fail or do not exist are recorded as such, never dropped.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { list, parseCli } from "#core/args.ts";
import { DEFAULT_DATA_DIR, REPO_ROOT } from "#core/schema.ts";
import { runNode } from "../sim/demo/children.ts";
import { DEMO } from "../sim/world/scales.ts";
import { aggregateKustoItem } from "./aggregate-kusto-item.ts";
import { aggregateItem, diffItem, siteItem, skipped, workerItem } from "./external.ts";
import { growthItem } from "./growth.ts";
import { type BenchContext, type BenchItem, machine, round } from "./lib.ts";
import { renderMarkdown } from "./markdown.ts";
import { privacyItem } from "./privacy.ts";
import { githubItem, kustoItem, kustoNightItem } from "./sync-items.ts";

const ITEMS = [
  "kusto",
  "kusto-night",
  "github",
  "aggregate",
  "aggregate-kusto",
  "privacy",
  "diff",
  "site",
  "worker",
  "growth",
] as const;
const BUDGET_S = 600;

async function ensureWorld(scale: string, cacheDir: string, log: (l: string) => void): Promise<string> {
  if (scale === "S") return DEFAULT_DATA_DIR;
  const dir = join(cacheDir, scale);
  const people = ["unified_users.csv", "unified_users"].some((f) => existsSync(join(dir, f)));
  if (existsSync(join(dir, "state")) && people) return dir;
  log(`generating the scale-${scale} world into ${dir} (once; cached)`);
  const r = await runNode(join(REPO_ROOT, "sim/world/cli.ts"), ["--scale", scale, "--data-dir", dir], process.env);
  if (r.code !== 0) throw new Error(`world generation failed: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return dir;
}

const USAGE = `usage: npm run bench -- [--scale M|S] [--only a,b] [--skip a,b] [--out DIR] [--merge] [--nights N] [--layout L] [--fresh]
  --scale M|S       the world's scale (default: M)
  --only a,b        only these items (${ITEMS.join(", ")})
  --skip a,b        every item but these
  --out DIR         where results.json and results.md go (default: bench/)
  --merge           items not selected keep their figures from DIR/results.json (same scale)
  --nights N        nights the growth item replays (default 365)
  --layout L        the growth item's file layout: month (default), fy (the FY partitions), or fy,month
  --fresh           rebuild the growth item's cached year (at M the year's repository is cached in
                    bench/cache/M/growth-<layout>-<nights>/ and rebuilt when its code or parameters change)
  -h, --help        print this help and exit
`;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      scale: { type: "string", default: "M" },
      only: { type: "string" },
      skip: { type: "string" },
      out: { type: "string" },
      merge: { type: "boolean", default: false },
      nights: { type: "string" },
      layout: { type: "string", default: "month" },
      fresh: { type: "boolean", default: false },
    },
  });
  const scale = values.scale.toUpperCase();
  const nights = Number(values.nights ?? 365);
  if (!Number.isInteger(nights) || nights < 2) throw new Error(`--nights must be an integer ≥ 2, got ${values.nights}`);
  const layouts = list(values.layout) ?? [];
  for (const l of layouts)
    if (l !== "fy" && l !== "month") throw new Error(`--layout must be fy, month or fy,month, got ${l}`);
  if (scale !== "S" && scale !== "M") throw new Error(`--scale must be S or M, got ${scale}`);
  const only = list(values.only);
  const skip = new Set(list(values.skip) ?? []);
  for (const n of [...(only ?? []), ...skip])
    if (!(ITEMS as readonly string[]).includes(n)) throw new Error(`unknown item ${n}; items: ${ITEMS.join(", ")}`);
  const wanted = ITEMS.filter((i) => (only === undefined || only.includes(i)) && !skip.has(i));
  const outDir = values.out ?? join(REPO_ROOT, "bench");
  const cacheDir = join(REPO_ROOT, "bench", "cache");
  const started = performance.now();
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const ctx: BenchContext = {
    scale,
    cacheDir,
    remaining: () => BUDGET_S - (performance.now() - started) / 1000,
    log,
  };
  const items: BenchItem[] = [];
  const run = async (id: string, title: string, fn: () => Promise<BenchItem>, gate = id): Promise<void> => {
    if (!wanted.includes(gate as (typeof ITEMS)[number])) {
      items.push(skipped(id, title, "not selected (--only/--skip)"));
      return;
    }
    log(`▶ ${id}  (${round((performance.now() - started) / 1000, 0)} s)`);
    const t = performance.now();
    try {
      const item = await fn();
      items.push({ ...item, ...(item.scale === undefined ? { scale } : {}) });
    } catch (e) {
      const note = e instanceof Error ? e.message.split("\n").slice(0, 3).join(" ") : String(e);
      items.push({ id, title, status: "failed", note, seconds: round((performance.now() - t) / 1000, 1) });
    }
    log(`  ${id}: ${items.at(-1)?.status} in ${items.at(-1)?.seconds} s`);
  };

  // Timed items, one at a time (each beside its anchor in the same run).
  await run("kusto", "Kusto client path vs fetch + JSON.parse", () => kustoItem(ctx));
  await run("kusto-night", "Kusto unchanged night vs full export", () => kustoNightItem(ctx));
  const worldDir =
    wanted.includes("aggregate") ||
    wanted.includes("aggregate-kusto") ||
    wanted.includes("site") ||
    wanted.includes("privacy") ||
    wanted.includes("growth")
      ? await ensureWorld(scale, cacheDir, log)
      : DEFAULT_DATA_DIR;
  // the aggregate item's DuckDB runs (files + timings) are the aggregate-kusto item's anchor: DuckDB runs once
  const duckdbRuns = mkdtempSync(join(tmpdir(), "bench-duckdb-runs-"));
  await run("aggregate", "Aggregation vs DuckDB alone", () => aggregateItem(ctx, worldDir, duckdbRuns));
  await run("aggregate-kusto", "Aggregate --engine kusto vs --engine duckdb", () =>
    aggregateKustoItem(
      ctx,
      worldDir,
      items.find((i) => i.id === "aggregate")?.status === "ok" ? duckdbRuns : undefined,
    ),
  );
  rmSync(duckdbRuns, { recursive: true, force: true });
  await run("privacy", "Privacy audit vs the aggregation", () =>
    privacyItem(ctx, worldDir, items.find((i) => i.id === "aggregate" && i.status === "ok")?.measure),
  );
  await run("diff", "Data diff vs git diff", () => diffItem(ctx, scale === "M" ? 1_000_000 : 100_000));
  // the site builds from the aggregated JSON of the bench's world (scale M: what the aggregate item just wrote)
  const siteData = existsSync(join(worldDir, "aggregated", "kpis.json")) ? worldDir : DEFAULT_DATA_DIR;
  await run("site", "Site build time and first-chart page budget", () =>
    siteItem(ctx, siteData, siteData === worldDir ? scale : "S (committed data/aggregated)"),
  );
  await run("worker", "Worker: cache-hit latency vs static asset, single-flight, fallback", () => workerItem(ctx));
  // Count and size items side by side: request counts and packed bytes do not depend on the machine's load.
  await Promise.all([
    run("github", "GitHub re-sync requests vs refetch-everything", () => githubItem(ctx)),
    // the year ends in the bench world's committed data (data/ at S, bench/cache/M at M), checked blob for blob (fy);
    // at M the year's repository comes from bench/cache/M/growth-<layout>-<nights>/ (growth-cache.ts)
    (async () => {
      for (const layout of layouts)
        await run(
          layouts.length > 1 ? `growth-${layout}` : "growth",
          `Repository growth: ${nights} nightly commits, ${layout} layout`,
          () =>
            growthItem(ctx, worldDir, new Date(DEMO.now), nights, {
              scale,
              layout: layout === "fy" ? "fy" : "month",
              cache: scale === "M",
              fresh: values.fresh,
            }),
          "growth",
        );
    })(),
  ]);
  const order = new Map<string, number>(ITEMS.map((id, i) => [id, i]));
  const rank = (id: string): number => order.get(id) ?? order.get(id.split("-")[0] ?? "") ?? 0;
  items.sort((a, b) => rank(a.id) - rank(b.id));

  // --merge: items not selected in this run keep their figures from the previous results.json (same scale)
  const previous = join(outDir, "results.json");
  let earlier = 0;
  if (values.merge && existsSync(previous)) {
    const old = JSON.parse(readFileSync(previous, "utf8")) as {
      scale?: string;
      items?: BenchItem[];
      duration_s?: number;
    };
    if (old.scale === scale) earlier = old.duration_s ?? 0;
    if (old.scale === scale)
      for (const [i, item] of items.entries()) {
        const kept = old.items?.find((o) => o.id === item.id);
        if (item.note === "not selected (--only/--skip)" && kept !== undefined) items[i] = kept;
      }
  }
  const results = {
    version: 1,
    scale,
    generated_at: new Date().toISOString(),
    duration_s: round(earlier + (performance.now() - started) / 1000, 1),
    ...(earlier > 0
      ? { merged: "items kept from an earlier run of the same scale (--merge); duration is the sum" }
      : {}),
    machine: machine(),
    items,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  const md = renderMarkdown(results);
  writeFileSync(join(outDir, "results.md"), md);
  process.stdout.write(md);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
