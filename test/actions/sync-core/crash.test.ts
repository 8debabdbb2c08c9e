/**
 * Crash safety: `node scripts/sync.ts` is killed (SIGKILL) at every write phase (ACE_CRASH_AT=<phase>:<n>); after each
 * crash every CSV file (a month partition included) is byte-identical to its old or its new version (or absent on that
 * side), never partial, and the status file parses; a rerun reaches the same final state as an uninterrupted run.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { crashPointCounts } from "#core/crash.ts";
import { readAll, writeDataset } from "#core/csv.ts";
import { getSchema, REPO_ROOT } from "#core/schema.ts";
import { readSyncStatus } from "#core/status.ts";
import { journeySource } from "../../../actions/derive-journey/src/source.ts";
import { silentReporter } from "../../../actions/sync-core/src/report.ts";
import { runSync } from "../../../actions/sync-core/src/run.ts";
import { kustoSource } from "../../../actions/sync-kusto/src/source.ts";
import { datasetPaths } from "../../harness/data-files.ts";
import { goldenDir, type Harness, startSim } from "../../harness/sync-kusto.ts";

const SYNCED = ["learning_activity"];
const DATASETS = [...SYNCED, "journey_complete"];
let h: Harness;
let template: string;
let expected: Record<string, string>;
const dirs: string[] = [];

/** Every file of the datasets (one CSV or its partitions) by path. */
function csvs(dir: string): Record<string, string> {
  return Object.fromEntries(
    DATASETS.flatMap((d) => datasetPaths(dir, d)).map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );
}

/** An older committed state: each synced dataset misses its last rows, journey_complete does not exist yet. */
async function olderState(): Promise<string> {
  const dir = await goldenDir([...SYNCED, "unified_users"]);
  for (const d of SYNCED) {
    const rows = await readAll(dir, getSchema(d));
    await writeDataset(dir, getSchema(d), rows.slice(0, Math.floor(rows.length * 0.9)));
  }
  return dir;
}

function fresh(): string {
  const dir = mkdtempSync(join(tmpdir(), "ace-crash-"));
  dirs.push(dir);
  cpSync(template, dir, { recursive: true });
  return dir;
}

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...h.env, KUSTO_PARTITION_MONTHS: "24", ...extra };
}

function child(
  dir: string,
  crashAt: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [join(REPO_ROOT, "scripts/sync.ts"), "--kusto-only", "--datasets", DATASETS.join(","), "--data-dir", dir],
      { env: env({ ACE_CRASH_AT: crashAt }), stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    p.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    p.on("error", reject);
    p.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

async function inProcess(dir: string, crashEnv?: string): Promise<void> {
  const saved = process.env.ACE_CRASH_AT;
  if (crashEnv !== undefined) process.env.ACE_CRASH_AT = crashEnv;
  try {
    const r = await runSync({
      dataDir: dir,
      sources: [kustoSource(), journeySource()],
      datasets: DATASETS,
      now: new Date(String(h.env.ACE_NOW)),
      env: env(),
      reporter: silentReporter(),
    });
    expect(r.results.map((x) => x.status).filter((s) => s !== "ok" && s !== "unchanged")).toEqual([]);
  } finally {
    if (saved === undefined) delete process.env.ACE_CRASH_AT;
    else process.env.ACE_CRASH_AT = saved;
  }
}

let points: string[] = [];

beforeAll(async () => {
  h = await startSim();
  template = await olderState();
  // An uninterrupted run, counting how often each write phase is reached.
  const dir = fresh();
  await inProcess(dir, "count-only:0");
  expected = csvs(dir);
  for (const [phase, count] of crashPointCounts()) {
    // every point of a phase reached a few times; eleven spread over the rows, six over the partition files of a
    // month-partitioned dataset (~60 renames: the first, the last and four between)
    const spread = (k: number) => [...Array(k).keys()].map((i) => Math.max(1, Math.round((count * i) / (k - 1))));
    const ns = phase === "stage-row" ? spread(11) : count > 6 ? spread(6) : [...Array(count).keys()].map((i) => i + 1);
    for (const n of new Set(ns)) points.push(`${phase}:${n}`);
  }
  points = points.sort();
}, 180_000);

afterAll(async () => {
  await h.close();
  for (const d of [template, ...dirs]) rmSync(d, { recursive: true, force: true });
});

it("covers every write phase with at least 20 crash points", () => {
  const phases = new Set(points.map((p) => p.slice(0, p.lastIndexOf(":"))));
  for (const p of [
    "stage-row",
    "stage-written",
    "commit-rename",
    "commit-cleanup",
    "status-rename",
    "run-record-rename",
  ]) {
    expect(phases.has(p), p).toBe(true);
  }
  expect(points.length).toBeGreaterThanOrEqual(20);
});

it("leaves every CSV old or new and the status parseable after a crash at each point", async () => {
  const old = csvs(template);
  const queue = [...points];
  const failures: string[] = [];
  let i = 0;
  const worker = async () => {
    for (let point = queue.shift(); point !== undefined; point = queue.shift()) {
      const check = i++ % 4 === 0;
      const dir = fresh();
      const r = await child(dir, point);
      if (r.signal !== "SIGKILL") failures.push(`${point}: not killed (exit ${r.code}): ${r.stderr.slice(-400)}`);
      const now = csvs(dir);
      for (const f of new Set([...Object.keys(old), ...Object.keys(expected), ...Object.keys(now)])) {
        if (now[f] !== old[f] && now[f] !== expected[f]) failures.push(`${point}: ${f} is neither old nor new`);
      }
      expect(() => readSyncStatus(dir)).not.toThrow();
      const temps = () =>
        readdirSync(dir, { recursive: true })
          .map(String)
          .filter((f) => f.endsWith(".tmp"));
      const leftovers = temps();
      if (!check) continue;
      // a rerun cleans up and converges to the uninterrupted result
      await inProcess(dir);
      expect(csvs(dir)).toEqual(expected);
      expect(temps(), `${point} left ${leftovers.join(",")}`).toEqual([]);
    }
  };
  await Promise.all([worker(), worker()]);
  expect(failures).toEqual([]);
}, 400_000);
