/**
 * Crash points over a full Kusto sync (+ the derived journey): the sync CLI is SIGKILLed at each chosen write point
 * (ACE_CRASH_AT=<phase>:<n>); afterwards every CSV is byte-identical to its old or its new version, the status
 * parses, and (every `rerunEvery`-th point) an uninterrupted rerun converges to the uninterrupted result.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crashPointCounts } from "#core/crash.ts";
import { readAll, writeDataset } from "#core/csv.ts";
import { getSchema, REPO_ROOT } from "#core/schema.ts";
import { readSyncStatus } from "#core/status.ts";
import { journeySource } from "../../actions/derive-journey/src/source.ts";
import { runSync, silentReporter } from "../../actions/sync-core/src/index.ts";
import { kustoSource } from "../../actions/sync-kusto/src/source.ts";
import { goldenDir, KUSTO_DATASETS, startSim } from "../harness/sync-kusto.ts";

export interface CrashFigures {
  readonly points: number;
  readonly phases: readonly string[];
  readonly killed: number;
  /** CSVs found neither old nor new after a crash (must be 0) */
  readonly torn: number;
  readonly statusUnreadable: number;
  readonly reruns: number;
  readonly rerunsConverged: number;
  readonly failures: readonly string[];
}

/** Every CSV of the data dir (month partitions included) by relative path. */
function csvs(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".csv") && !f.startsWith("schema"))
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );
}

/** Chooses about `target` points: every occurrence of rare phases, the rest spread evenly over the frequent ones. */
export function choosePoints(counts: ReadonlyMap<string, number>, target: number): string[] {
  const phases = [...counts].sort((a, b) => a[1] - b[1]);
  const out: string[] = [];
  let rest = target;
  for (const [i, [phase, n]] of phases.entries()) {
    const share = Math.ceil(rest / (phases.length - i));
    const k = Math.min(n, share);
    const picks = new Set(
      [...Array(k).keys()].map((x) => (k >= n ? x + 1 : Math.max(1, Math.round(((x + 1) * n) / k)))),
    );
    for (const p of picks) out.push(`${phase}:${p}`);
    rest -= picks.size;
  }
  return out.sort();
}

export async function crashSuite(
  target: number,
  rerunEvery: number,
  synced: readonly string[] = KUSTO_DATASETS,
): Promise<CrashFigures> {
  const DATASETS = [...synced, "journey_complete"];
  const h = await startSim();
  const root = mkdtempSync(join(tmpdir(), "ace-rel-crash-"));
  const env = { ...process.env, ...h.env, KUSTO_PARTITION_MONTHS: "24" };
  const inProcess = async (dir: string) =>
    runSync({
      dataDir: dir,
      sources: [kustoSource(), journeySource()],
      datasets: DATASETS,
      now: new Date(String(h.env.ACE_NOW)),
      env,
      reporter: silentReporter([]),
    });
  try {
    // an older committed state: every synced dataset misses its last tenth, journey_complete does not exist yet
    const template = await goldenDir([...new Set([...synced, "unified_users"])]);
    for (const d of synced) {
      const rows = await readAll(template, getSchema(d));
      await writeDataset(template, getSchema(d), rows.slice(0, Math.floor(rows.length * 0.9)));
    }
    const old = csvs(template);
    let k = 0;
    const fresh = () => {
      const d = join(root, String(k++));
      cpSync(template, d, { recursive: true });
      return d;
    };
    const first = fresh();
    const saved = process.env.ACE_CRASH_AT;
    process.env.ACE_CRASH_AT = "count-only:0";
    await inProcess(first);
    if (saved === undefined) delete process.env.ACE_CRASH_AT;
    else process.env.ACE_CRASH_AT = saved;
    const expected = csvs(first);
    const points = choosePoints(crashPointCounts(), target);
    const failures: string[] = [];
    let killed = 0;
    let torn = 0;
    let statusUnreadable = 0;
    let reruns = 0;
    let converged = 0;
    const queue = [...points.entries()];
    const worker = async (): Promise<void> => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        const [i, point] = item;
        const dir = fresh();
        const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
          const p = spawn(
            process.execPath,
            [join(REPO_ROOT, "scripts/sync.ts"), "--kusto-only", "--datasets", DATASETS.join(","), "--data-dir", dir],
            { env: { ...env, ACE_CRASH_AT: point }, stdio: "ignore" },
          );
          p.on("error", reject);
          p.on("close", (_code, s) => resolve(s));
        });
        if (signal === "SIGKILL") killed++;
        else failures.push(`${point}: not reached (the sync ended without crashing)`);
        const now = csvs(dir);
        for (const [f, text] of now)
          if (text !== old.get(f) && text !== expected.get(f)) {
            torn++;
            failures.push(`${point}: ${f} is neither old nor new`);
          }
        try {
          readSyncStatus(dir);
        } catch {
          statusUnreadable++;
        }
        if (i % rerunEvery === 0) {
          reruns++;
          // the crashed run left its lock behind: the rerun must take it over (its pid is gone)
          await inProcess(dir);
          const after = csvs(dir);
          const same =
            after.size === expected.size &&
            [...expected].every(([f, t]) => after.get(f) === t) &&
            !existsSync(join(dir, ".sync.lock.tmp"));
          if (same) converged++;
          else failures.push(`${point}: rerun did not converge`);
        }
        rmSync(dir, { recursive: true, force: true });
      }
    };
    await Promise.all([worker(), worker()]);
    const phases = [...new Set(points.map((p) => p.slice(0, p.lastIndexOf(":"))))];
    return {
      points: points.length,
      phases,
      killed,
      torn,
      statusUnreadable,
      reruns,
      rerunsConverged: converged,
      failures,
    };
  } finally {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  }
}
