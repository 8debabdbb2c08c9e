/**
 * Scenario cases of the reliability suite: two syncs at once, corrupted committed CSVs, a full disk.
 * Each returns CaseResults judged by the same invariants as the fault matrix.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs, {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAll, writeDataset } from "#core/csv.ts";
import { getSchema, REPO_ROOT } from "#core/schema.ts";
import { readSyncStatus } from "#core/status.ts";
import { journeySource } from "../../actions/derive-journey/src/source.ts";
import { runSync, silentReporter } from "../../actions/sync-core/src/index.ts";
import { kustoSource } from "../../actions/sync-kusto/src/source.ts";
import { datasetPaths } from "../harness/data-files.ts";
import { goldenDir, startSim } from "../harness/sync-kusto.ts";
import { judge } from "./faults.ts";
import { type CaseResult, snapshot } from "./kit.ts";

function run(p: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  p.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve, reject) => {
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, stderr }));
  });
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

/** Two `npm run sync` on one data dir: the second refuses (exit 3) while the first holds the lock; nothing is lost. */
export async function concurrentSyncs(): Promise<CaseResult[]> {
  // slow answers keep the first sync busy long enough for the second to start
  const h = await startSim({ faults: [{ route: "kusto:query", kind: "latency", ms: 2500 }] });
  const base = await goldenDir(["learning_activity"]);
  const dir = mkdtempSync(join(tmpdir(), "ace-rel-lock-"));
  cpSync(base, dir, { recursive: true });
  const clean = snapshot(base);
  const env = { ...process.env, ...h.env, KUSTO_PARTITION_MONTHS: "24" };
  const cli = () =>
    spawn(
      process.execPath,
      [join(REPO_ROOT, "scripts/sync.ts"), "--kusto-only", "--datasets", "learning_activity", "--data-dir", dir],
      {
        env,
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
  const out: CaseResult[] = [];
  try {
    const before = snapshot(dir);
    const first = run(cli());
    const locked = await until(() => existsSync(join(dir, ".sync.lock")), 60_000);
    const second = await run(cli());
    const a = await first;
    const status = readSyncStatus(dir).datasets.learning_activity;
    const j = judge(dir, before, clean, [
      { dataset: "learning_activity", status: status?.status === "unchanged" ? "unchanged" : "failed" },
    ]);
    const refused = second.code === 3 && /another sync holds/.test(second.stderr);
    out.push({
      group: "scenario",
      name: "two syncs at once",
      imitates: "a manual run started while the nightly run is still going",
      injected: 1,
      survived:
        locked &&
        refused &&
        a.code === 0 &&
        j.bytesChanged === 0 &&
        j.wrongStatus === 0 &&
        !existsSync(join(dir, ".sync.lock")),
      bytesChanged: j.bytesChanged,
      wrongStatus: j.wrongStatus,
      outcome: `second exit ${second.code}${refused ? " (refused: lock held)" : ""}, first exit ${a.code}`,
    });
    // a lock left by a killed run (its pid is gone) is taken over
    writeFileSync(
      join(dir, ".sync.lock"),
      `${JSON.stringify({ pid: 2 ** 22 + 12345, started_at: "2026-01-01T00:00:00Z" })}\n`,
    );
    const stale = await run(cli());
    out.push({
      group: "scenario",
      name: "stale lock of a killed run",
      imitates: "a runner killed mid-sync (lock file left behind)",
      injected: 1,
      survived: stale.code === 0 && !existsSync(join(dir, ".sync.lock")),
      bytesChanged: 0,
      wrongStatus: 0,
      outcome: `exit ${stale.code}`,
    });
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(base, { recursive: true, force: true });
  }
  return out;
}

/** A committed input CSV with a broken line: the derived sync refuses to build on it and names the file and line. */
export async function corruptedCsv(): Promise<CaseResult[]> {
  const base = await goldenDir([
    "unified_users",
    "certified_users",
    "individual_exams",
    "learning_activity",
    "product_usage",
  ]);
  const out: CaseResult[] = [];
  // the largest month file of each dataset (month partitions: docs/storage.md)
  const largest = (d: string): string =>
    datasetPaths(base, d).sort((a, b) => statSync(join(base, b)).size - statSync(join(base, a)).size)[0] ?? `${d}.csv`;
  const cases = [
    {
      file: largest("unified_users"),
      line: 41,
      mutate: (l: string) => `${l},extra`,
      what: "an extra column (a bad merge)",
    },
    {
      file: largest("certified_users"),
      line: 17,
      mutate: (l: string) => `"${l}`,
      what: "an unterminated quote (a hand edit)",
    },
    {
      file: largest("individual_exams"),
      line: 1,
      mutate: (l: string) => l.replace("exam_id", "examid"),
      what: "a renamed header",
    },
  ];
  try {
    for (const c of cases) {
      const dir = mkdtempSync(join(tmpdir(), "ace-rel-csv-"));
      cpSync(base, dir, { recursive: true });
      const lines = readFileSync(join(dir, c.file), "utf8").split("\n");
      lines[c.line - 1] = c.mutate(lines[c.line - 1] ?? "");
      writeFileSync(join(dir, c.file), lines.join("\n"));
      const before = snapshot(dir);
      const r = await runSync({
        dataDir: dir,
        sources: [journeySource()],
        datasets: ["journey_complete"],
        now: new Date("2026-11-24T02:00:00Z"),
        reporter: silentReporter([]),
      });
      const res = r.results[0];
      const j = judge(dir, before, before, r.results);
      // the file and a line: the corrupted one, or (an unterminated quote) where the parser gave up
      const named = res?.message.includes(c.file) === true && /\.csv:\d+/.test(res.message);
      out.push({
        group: "scenario",
        name: `corrupted ${c.file} line ${c.line}`,
        imitates: `a committed CSV with ${c.what}`,
        injected: 1,
        survived:
          (res?.status === "failed" || res?.status === "refused") &&
          named &&
          j.bytesChanged === 0 &&
          j.wrongStatus === 0,
        bytesChanged: j.bytesChanged,
        wrongStatus: j.wrongStatus,
        outcome: `${res?.status}: ${res?.message.replace(dir, "…")}`,
      });
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return out;
}

/** The disk fills up while the new CSV is written: the write fails with ENOSPC, the old files stay intact. */
export async function fullDisk(): Promise<CaseResult[]> {
  const h = await startSim();
  const base = await goldenDir(["learning_activity"]);
  const dir = mkdtempSync(join(tmpdir(), "ace-rel-disk-"));
  cpSync(base, dir, { recursive: true });
  // an older committed state, so the sync has new files to write
  const learning = getSchema("learning_activity");
  const rows = await readAll(dir, learning);
  await writeDataset(dir, learning, rows.slice(0, Math.floor(rows.length * 0.9)));
  const before = snapshot(dir);
  const original = { write: fs.write, writev: fs.writev, writeSync: fs.writeSync, openSync: fs.openSync };
  let budget = 64 * 1024; // bytes the "disk" still takes for the new CSV files (the month files fill it one by one)
  // the budget applies to the CSV files being staged (`.<name>.csv.<pid>.<hex>.tmp`): the status still fits after
  const csvFds = new Set<number>();
  const patchedOpen = (...args: unknown[]): number => {
    const fd = (original.openSync as (...a: unknown[]) => number).apply(fs, args);
    // (a closed file's number is reused by the next open)
    if (/\.csv\.\d+\.[0-9a-f]+\.tmp$/.test(String(args[0]))) csvFds.add(fd);
    else csvFds.delete(fd);
    return fd;
  };
  const enospc = (): NodeJS.ErrnoException =>
    Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
      errno: -28,
      syscall: "write",
    });
  const patched = (...args: unknown[]) => {
    const cb = args.at(-1) as (e: Error | null, n?: number) => void;
    const data = args[1];
    const size = Buffer.isBuffer(data)
      ? data.length
      : Array.isArray(data)
        ? data.reduce((s: number, b: Buffer) => s + b.length, 0)
        : 0;
    if (budget - size < 0) {
      process.nextTick(cb, enospc());
      return;
    }
    budget -= size;
    (Buffer.isBuffer(data) ? original.write : original.writev).apply(fs, args as never);
  };
  // the CSV writer writes synchronously (writeSync of its 1 MiB buffers): the same budget, thrown as the call would
  const patchedSync = (...args: unknown[]): number => {
    if (!csvFds.has(args[0] as number)) return (original.writeSync as (...a: unknown[]) => number).apply(fs, args);
    const data = args[1];
    const size = Buffer.isBuffer(data) ? (typeof args[3] === "number" ? args[3] : data.length) : String(data).length;
    if (budget - size < 0) throw enospc();
    budget -= size;
    return (original.writeSync as (...a: unknown[]) => number).apply(fs, args);
  };
  try {
    Object.assign(fs, { write: patched, writev: patched, writeSync: patchedSync, openSync: patchedOpen });
    syncBuiltinESMExports();
    const r = await runSync({
      dataDir: dir,
      sources: [kustoSource()],
      datasets: ["learning_activity"],
      now: new Date(String(h.env.ACE_NOW)),
      env: { ...h.env, KUSTO_PARTITION_MONTHS: "24" },
      reporter: silentReporter([]),
    });
    Object.assign(fs, original);
    syncBuiltinESMExports();
    const res = r.results[0];
    const j = judge(dir, before, before, r.results);
    const temps = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.includes(".tmp"));
    return [
      {
        group: "scenario",
        name: "disk full while writing",
        imitates: "a runner whose disk fills up mid-write (ENOSPC)",
        injected: 1,
        // a system error while staging is a failed run (not invalid data), and it says so
        survived:
          res?.status === "failed" &&
          /ENOSPC/.test(res.message) &&
          j.bytesChanged === 0 &&
          j.wrongStatus === 0 &&
          temps.length === 0,
        bytesChanged: j.bytesChanged,
        wrongStatus: j.wrongStatus,
        outcome: `${res?.status}: ${res?.message}${temps.length ? `; temp files left: ${temps.join(",")}` : ""}`,
      },
    ];
  } finally {
    Object.assign(fs, original);
    syncBuiltinESMExports();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(base, { recursive: true, force: true });
  }
}
