/**
 * The demo's steps after the simulators are up: the real sync CLI into the scratch data dir, aggregation, the
 * worker (wrangler dev), the site build pointed at it, and a static server. Each step is the project's own CLI or
 * module; this file only wires them together.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readDataset } from "#core/csv.ts";
import { getSchema, loadSchemas, REPO_ROOT } from "#core/schema.ts";
import { datasetFreshness, readRunRecord, readSyncStatus } from "#core/status.ts";
import { type DevWorker, freePort, startDevWorker } from "../../scripts/dev-worker.ts";
import { buildWorkerAssets } from "../../worker/build/assets.ts";
import { type RunResult, runNode } from "./children.ts";
import type { Progress } from "./progress.ts";
import { type StaticServer, serveStatic } from "./serve.ts";

export interface PipelineOptions {
  readonly dataDir: string;
  readonly siteDir: string;
  /** the simulators' environment (KUSTO_*, GITHUB_*, COPILOT_TOKEN, ACE_NOW, API_TOKEN, PSEUDONYM_KEY) */
  readonly simEnv: Readonly<Record<string, string>>;
  readonly progress: Progress;
  readonly log: (line: string) => void;
}

export function childEnv(simEnv: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  // the demo's GitHub sync waits milliseconds, not the real minutes, between retries and polls
  return { ...process.env, ...simEnv, ACE_GITHUB_TIMING: process.env.ACE_GITHUB_TIMING ?? "fast" };
}

function failed(what: string, r: RunResult): Error {
  const tail = r.stderr.trim().split("\n").slice(-5).join("\n");
  return new Error(`${what} exited with ${r.code ?? r.signal}:\n${tail}`);
}

/** The real sync of every dataset; exit code 1 (some dataset refused/failed, e.g. under a fault plan) is reported, not fatal. */
export async function runSyncStep(o: PipelineOptions): Promise<number> {
  const r = await runNode(join(REPO_ROOT, "scripts/sync.ts"), ["--data-dir", o.dataDir], childEnv(o.simEnv), (l) =>
    o.progress.line(l),
  );
  if (r.code !== 0 && r.code !== 1) throw failed("sync", r);
  return r.code;
}

export async function runAggregateStep(o: PipelineOptions): Promise<void> {
  const r = await runNode(join(REPO_ROOT, "scripts/aggregate.ts"), ["--data-dir", o.dataDir], childEnv(o.simEnv));
  if (r.code !== 0) throw failed("aggregate", r);
}

export async function runBuildStep(o: PipelineOptions, workerUrl: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...childEnv(o.simEnv), SITE_WORKER_URL: workerUrl };
  delete env.SITE_DATA_URL;
  const r = await runNode(join(REPO_ROOT, "scripts/build-site.ts"), ["--data-dir", o.dataDir, "--out", o.siteDir], env);
  if (r.code !== 0) throw failed("site build", r);
}

/**
 * A private copy of worker/wrangler.jsonc whose assets live in `scratch` (so the demo never rewrites the shared
 * worker/generated/ that `npm run dev:worker` and the worker tests build).
 */
export function privateWranglerConfig(scratch: string): { config: string; assets: string } {
  const text = readFileSync(join(REPO_ROOT, "worker", "wrangler.jsonc"), "utf8");
  const cfg = JSON.parse(text.replace(/^\s*\/\/.*$/gm, "").replace(/\s\/\/ .*$/gm, "")) as Record<string, unknown>;
  const assets = join(scratch, "worker-assets");
  const config = join(scratch, "wrangler.json");
  delete cfg.$schema;
  cfg.main = join(REPO_ROOT, "worker", "src", "index.ts");
  cfg.assets = { ...(cfg.assets as object), directory: assets };
  writeFileSync(config, JSON.stringify(cfg, null, 2));
  return { config, assets };
}

/**
 * Builds the worker's assets from the scratch data and starts wrangler dev; CORS allows the demo site's origin, and
 * the worker reads live sync status from the demo site (WORKER_SITE_URL), as the deployed worker reads GitHub Pages.
 */
export async function startWorkerStep(
  o: PipelineOptions,
  scratch: string,
  siteOrigin: string,
  siteUrl = `${siteOrigin}/`,
): Promise<DevWorker> {
  const { config, assets } = privateWranglerConfig(scratch);
  const built = await buildWorkerAssets(o.dataDir, assets, new Date(o.simEnv.ACE_NOW ?? Date.now()));
  o.log(`worker assets: ${built.people} people, ${built.exams} exams, ${built.shards} index shards`);
  return startDevWorker(
    { ...o.simEnv, WORKER_CORS_ORIGIN: siteOrigin, WORKER_SITE_URL: siteUrl },
    { quiet: true, config },
  );
}

/** The last run's outcome per status (data/sync-run.json) and the freshness it gives every dataset at its clock. */
export function recheckSummary(dataDir: string): string[] {
  const run = readRunRecord(dataDir);
  if (run.kind !== "record") return [`run record ${run.kind === "absent" ? "missing" : `invalid: ${run.reason}`}`];
  const by = new Map<string, string[]>();
  for (const [name, d] of Object.entries(run.record.datasets)) by.set(d.status, [...(by.get(d.status) ?? []), name]);
  const cadences = Object.fromEntries([...loadSchemas().values()].map((x) => [x.name, x.cadence]));
  const f = datasetFreshness(readSyncStatus(dataDir), run, cadences, new Date(run.record.clock));
  const states = new Map<string, string[]>();
  for (const [name, d] of Object.entries(f.datasets)) states.set(d.state, [...(states.get(d.state) ?? []), name]);
  return [
    ...[...by].map(([status, names]) => `${status}: ${names.sort().join(", ")}`),
    `freshness at ${run.record.clock}: ${[...states].map(([s, names]) => `${names.length} ${s}`).join(", ")}`,
  ];
}

/** "now" plus `days` as ACE_NOW (UTC whole seconds). */
export function laterAceNow(aceNow: string, days: number): string {
  return `${new Date(Date.parse(aceNow) + days * 86_400_000).toISOString().slice(0, 19)}Z`;
}

export async function startSiteServer(o: PipelineOptions, port: number): Promise<StaticServer> {
  const prefix = process.env.SITE_PATH_PREFIX?.trim() || "/";
  return serveStatic(o.siteDir, { port, prefix: prefix.endsWith("/") ? prefix : `${prefix}/` });
}

export { freePort };

/** A GitHub login that has exams in the synced data (for the ready-to-paste curl line). */
export async function sampleLogin(dataDir: string): Promise<string | undefined> {
  const withExams = new Set<string>();
  for await (const r of readDataset(dataDir, getSchema("individual_exams")))
    if (typeof r.user_id === "string") withExams.add(r.user_id);
  for await (const u of readDataset(dataDir, getSchema("unified_users"))) {
    const login = u.github_login;
    if (typeof login === "string" && login !== "" && typeof u.user_id === "string" && withExams.has(u.user_id))
      return login;
  }
  return undefined;
}
