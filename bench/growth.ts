/**
 * Repository growth: a simulated year of nightly data commits at scale S → the packed `.git` beside the data itself.
 * Night d's commit is the committed data as the world renders it at 02:00 UTC that day (`snapshot.ts`: the world
 * advanced one day at a time, so rows appear on their date AND later changes of older rows — an exam scheduled, then
 * taken — are replayed as they happen). The last night is the committed `data/` itself (checked byte for byte).
 * 365 commits (only the files that changed that night) are streamed into a fresh repository with `git fast-import`,
 * then repacked from scratch (`git repack -a -d -f`, as a fresh clone would receive it). Two cores share the year:
 * a worker thread renders every other night. Not included: `data/sync_status.json` (about 1 KB of hashes a night)
 * and `data/aggregated/` (derived, rebuilt from the CSVs).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { BenchContext, BenchItem } from "./lib.ts";
import { figure, round } from "./lib.ts";
import { snapshot } from "./snapshot.ts";

const DAY = 86_400_000;

type Files = Map<string, string>;

/** Renders night `at` on the worker thread (resolves with its files). */
function remote(worker: Worker, at: Date): Promise<Files> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    worker.once("error", onError);
    worker.once("message", (m: { files?: [string, string][]; error?: string }) => {
      worker.off("error", onError);
      if (m.files) resolve(new Map(m.files));
      else reject(new Error(m.error ?? "snapshot worker failed"));
    });
    worker.postMessage({ now: at.toISOString() });
  });
}

function dirBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = join(dir, e.name);
    return sum + (e.isDirectory() ? dirBytes(p) : statSync(p).size);
  }, 0);
}

export async function growthItem(ctx: BenchContext, dataDir: string, now: Date, days = 365): Promise<BenchItem> {
  const t0 = performance.now();
  const repo = mkdtempSync(join(tmpdir(), "ace-bench-growth-"));
  const worker = new Worker(new URL("./snapshot-worker.ts", import.meta.url));
  try {
    spawnSync("git", ["init", "-q", "-b", "main", repo], { stdio: "ignore" });
    const git = spawn("git", ["fast-import", "--quiet"], { cwd: repo, stdio: ["pipe", "ignore", "inherit"] });
    const done = new Promise<number | null>((r) => git.once("close", r));
    const write = (s: string | Buffer): Promise<void> =>
      git.stdin.write(s) ? Promise.resolve() : new Promise((r) => git.stdin.once("drain", () => r()));
    const last = new Map<string, string>();
    let dataBytes = 0;
    let changedFiles = 0;
    let final: Files = new Map();
    const nights = Array.from({ length: days }, (_, i) => new Date(now.getTime() - (days - 1 - i) * DAY));
    for (let i = 0; i < nights.length; i += 2) {
      const a = nights[i] ?? now;
      const b = nights[i + 1];
      const pending = b === undefined ? undefined : remote(worker, b);
      const pair: [Date, Files][] = [[a, snapshot(a)]];
      if (b !== undefined && pending !== undefined) pair.push([b, await pending]);
      for (const [at, files] of pair) {
        final = files;
        dataBytes = 0;
        const changed: [string, Buffer][] = [];
        for (const [path, text] of files) {
          dataBytes += Buffer.byteLength(text);
          if (last.get(path) !== text) {
            last.set(path, text);
            changed.push([path, Buffer.from(text)]);
          }
        }
        changedFiles += changed.length;
        const when = Math.floor(at.getTime() / 1000);
        const msg = `data: nightly sync ${at.toISOString().slice(0, 10)}\n`;
        await write(
          `commit refs/heads/main\ncommitter ace-bot <bot@example.invalid> ${when} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`,
        );
        for (const [path, buf] of changed) {
          await write(`M 100644 inline data/${path}\ndata ${buf.length}\n`);
          await write(buf);
          await write("\n");
        }
        await write("\n");
      }
      if (i % 60 === 0) ctx.log(`  growth: night ${i + 1}/${days}`);
    }
    git.stdin.end();
    if ((await done) !== 0) throw new Error("git fast-import failed");
    const rendered = performance.now();
    const gc = spawnSync("git", ["repack", "-a", "-d", "-f", "-q"], { cwd: repo, stdio: "ignore" });
    if (gc.status !== 0) throw new Error("git repack failed");
    spawnSync("git", ["prune", "--expire=now"], { cwd: repo, stdio: "ignore" });
    const packed = dirBytes(join(repo, ".git"));
    const repackS = (performance.now() - rendered) / 1000;
    const commits = spawnSync("git", ["rev-list", "--count", "main"], { cwd: repo, encoding: "utf8" }).stdout.trim();
    // the last night is today's committed data/ (when benchmarking the committed demo data)
    const matches = [...final].every(
      ([path, text]) => existsSync(join(dataDir, path)) && readFileSync(join(dataDir, path), "utf8") === text,
    );
    ctx.log(
      `  growth: ${commits} commits, .git ${(packed / 1e6).toFixed(1)} MB, data ${(dataBytes / 1e6).toFixed(1)} MB`,
    );
    return {
      id: "growth",
      title: `Repository growth: ${days} nightly commits`,
      status: "ok",
      scale: "S (the committed demo world)",
      measure: figure("packed .git after a year (git repack -a -d -f)", "MB", [round(packed / 1e6)]),
      anchor: figure("the data itself (CSV + state bytes at the end of the year)", "MB", [round(dataBytes / 1e6)]),
      ratio: round(packed / dataBytes),
      extra: {
        commits: Number(commits),
        git_bytes: packed,
        data_bytes: dataBytes,
        changed_files: changedFiles,
        last_night_equals_committed_data: matches,
        render_and_import_s: round((rendered - t0) / 1000, 1),
        repack_s: round(repackS, 1),
      },
      note: "the world advanced one night at a time; sync_status.json and aggregated/ not included (docs/bench.md)",
      seconds: round((performance.now() - t0) / 1000, 1),
    };
  } finally {
    await worker.terminate();
    rmSync(repo, { recursive: true, force: true });
  }
}
