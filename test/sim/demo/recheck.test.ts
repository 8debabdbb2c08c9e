/**
 * Issue 15 done-when: two syncs 30 days apart (ACE_NOW), the second finding nothing new. The world's upstream is
 * frozen at the first time (the simulators serve a world built at T1) while the clock given to the sync, the
 * aggregation, the site build and the worker moves to T2 = T1 + 30 days: the committed data stays byte-identical,
 * the run record says every dataset was checked at T2, the site built at T2 shows no stale banner, and the worker
 * (deployed with the T1 status, never redeployed) says fresh once the site publishes the new run record.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import type { DevWorker } from "../../../scripts/dev-worker.ts";
import {
  freePort,
  laterAceNow,
  type PipelineOptions,
  runAggregateStep,
  runBuildStep,
  runSyncStep,
  startSiteServer,
  startWorkerStep,
} from "../../../sim/demo/pipeline.ts";
import { createProgress } from "../../../sim/demo/progress.ts";
import type { StaticServer } from "../../../sim/demo/serve.ts";
import { type Simulators, startSimulators } from "../../../sim/start.ts";

const T1 = "2026-11-24T02:00:00Z";
const T2 = laterAceNow(T1, 30);
let scratch = "";
let sims: Simulators | undefined;
let worker: DevWorker | undefined;
let site: StaticServer | undefined;

beforeAll(() => {
  vi.stubEnv("KUSTO_PARTITION_MONTHS", "24");
  vi.stubEnv("SITE_PATH_PREFIX", "");
  scratch = mkdtempSync(join(tmpdir(), "ace-recheck-"));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await site?.close();
  await worker?.close();
  await sims?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Every committed file of the data dir (CSVs, status, state, aggregates), by relative path. */
function committed(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) for (const [k, v] of committed(dir, p)) out.set(k, v);
    else if (p !== "sync-run.json") out.set(p, readFileSync(join(dir, p), "utf8"));
  }
  return out;
}

interface Status {
  overall: string;
  source: string;
  run_record: string;
  datasets: Record<string, { freshness: string; last_checked_at: string | null; last_changed_at: string | null }>;
}

async function workerStatus(w: DevWorker): Promise<Status> {
  const res = await fetch(`${w.url}api/metrics/sync-status`);
  expect(res.status).toBe(200);
  return (await res.json()) as Status;
}

it("a second sync 30 days later that finds nothing new marks nothing stale", { timeout: 300_000 }, async () => {
  sims = await startSimulators({ people: 300, now: T1 });
  expect(sims.env.ACE_NOW).toBe(T1);
  const dataDir = join(scratch, "data");
  mkdirSync(dataDir);
  cpSync(join(REPO_ROOT, "data", "schema"), join(dataDir, "schema"), { recursive: true });
  const first: PipelineOptions = {
    dataDir,
    siteDir: join(scratch, "_site"),
    simEnv: sims.env,
    progress: createProgress(),
    log: () => {},
  };
  expect(await runSyncStep(first)).toBe(0);
  await runAggregateStep(first);
  const before = committed(dataDir);

  // the deployed worker: assets from the first sync, its clock already at T2, reading the (not yet built) site
  const later: PipelineOptions = { ...first, simEnv: { ...sims.env, ACE_NOW: T2 }, progress: createProgress() };
  const sitePort = await freePort();
  worker = await startWorkerStep(later, scratch, `http://127.0.0.1:${sitePort}`);
  const frozen = await workerStatus(worker);
  expect(frozen).toMatchObject({ source: "deployed", overall: "stale" });

  // the second sync, 30 days later, the upstream unchanged
  expect(await runSyncStep(later)).toBe(0);
  await runAggregateStep(later);
  const after = committed(dataDir);
  const differing = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
  // Copilot reports are per day: the frozen upstream has none after T1, so the sync records those 30 days as
  // not_ready (to be retried), its only change (copilot_languages lists them in its status only); every other
  // dataset is byte-identical, and so is its status entry (last_success_at stays T1). The aggregates follow copilot_daily (as_of moves to T2).
  // (data/state/ is sync state, not data: e.g. the Kusto watermarks move with every run)
  const data = differing.filter((f) => !f.startsWith("aggregated/") && !f.startsWith("state/"));
  expect(data).toEqual(["copilot_daily.csv", "sync_status.json"]);
  const added = (after.get("copilot_daily.csv") ?? "")
    .split("\n")
    .filter((l) => !(before.get("copilot_daily.csv") ?? "").includes(`${l}\n`));
  expect(added).toHaveLength(30);
  for (const line of added) expect(line).toMatch(/^[^,]+,2026-1[12]-\d\d,not_ready,[,]*$/);
  const statusOf = (text: string | undefined) =>
    (JSON.parse(text ?? "{}") as { datasets: Record<string, unknown> }).datasets;
  const [s1, s2] = [statusOf(before.get("sync_status.json")), statusOf(after.get("sync_status.json"))];
  for (const d of Object.keys(s1)) if (!d.startsWith("copilot_")) expect(s2[d], d).toEqual(s1[d]);
  const agg = JSON.parse(after.get("aggregated/kpis.json") ?? "{}") as { as_of: string; flags: { stale: boolean } };
  expect(agg).toMatchObject({ as_of: T2, flags: { stale: false } });
  const run = JSON.parse(readFileSync(join(dataDir, "sync-run.json"), "utf8")) as {
    clock: string;
    datasets: Record<string, { status: string; checked_at: string | null }>;
  };
  expect(run.clock).toBe(T2);
  const datasets = Object.keys(run.datasets);
  expect(datasets.length).toBeGreaterThanOrEqual(10);
  for (const d of datasets) expect(run.datasets[d], d).toEqual(expect.objectContaining({ checked_at: T2 }));

  // the site built at T2: no stale banner; checked and changed shown apart; the run record published
  await runBuildStep(later, worker.url.replace(/\/$/, ""));
  const home = readFileSync(join(later.siteDir, "index.html"), "utf8");
  expect(home).not.toContain('id="freshness-banner"');
  const dataPage = readFileSync(join(later.siteDir, "data", "index.html"), "utf8");
  expect(dataPage).toContain("checked 2026-12-24 02:00:00 UTC");
  expect(dataPage).toContain("changed 2026-11-24 02:00:00 UTC");
  expect(dataPage).not.toContain("pill-stale");
  expect(existsSync(join(later.siteDir, "data", "sync-run.json"))).toBe(true);

  // the worker, never redeployed, reads the published status and run record: fresh
  site = await startSiteServer(later, sitePort);
  const live = await workerStatus(worker);
  expect(live).toMatchObject({ source: "site", run_record: "used" });
  for (const [name, d] of Object.entries(live.datasets)) {
    const changed = name === "copilot_daily" ? T2 : T1;
    expect(d, name).toMatchObject({ freshness: "fresh", last_checked_at: T2, last_changed_at: changed });
  }
  expect(live.overall).not.toBe("stale");
});
