/**
 * Builds the repository of a year of nightly data commits (the repository-growth bench, `growth.ts`): the nights of
 * `nights.ts` (ONE world, only what changed re-rendered), each night's changed files stored as deltas against their
 * previous version (`blob-store.ts`, one fast-import per path, as nightly pushes store them), then the commits
 * streamed by one `git fast-import` that names those blobs, then `git repack -a -d` (a normal repack: existing deltas
 * reused, what `git gc` leaves and a clone then receives; docs/storage.md compares it with `-f`).
 */
import { spawn, spawnSync } from "node:child_process";
import { BlobStore } from "./blob-store.ts";
import type { LayoutName } from "./night-tables.ts";
import { renderNights } from "./nights.ts";

export function git(cwd: string, args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr.trim().slice(0, 300)}`);
  return r.stdout;
}

export interface YearOptions {
  readonly scale: string;
  readonly last: Date;
  readonly days: number;
  readonly layout: LayoutName;
  /** override every partitioned schema's threshold (tests) */
  readonly maxFileBytes?: number;
  /** `git repack -a -d -f` instead of a normal repack (the comparison of docs/storage.md) */
  readonly repackFromScratch?: boolean;
}

/** What the build saw: the sizes the packed repository cannot tell. */
export interface YearStats {
  readonly commits: number;
  /** bytes of the files at the last night */
  readonly data_bytes: number;
  /** bytes of every file version committed (the first night's files included) */
  readonly committed_bytes: number;
  readonly changed_files: number;
  readonly largest_file: string;
  readonly largest_file_bytes: number;
  /** whole versions written again to seed a new per-path importer */
  readonly seeded_blobs: number;
  readonly render_and_import_s: number;
  /** CPU seconds of this process (rendering, hashing, piping) over the nights */
  readonly render_cpu_s: number;
  readonly commit_s: number;
  readonly repack_s: number;
}

export async function buildYear(repo: string, opts: YearOptions, log: (l: string) => void): Promise<YearStats> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  git(repo, ["init", "-q", "-b", "main"]);
  const store = new BlobStore(repo);
  const commits: string[] = [];
  const sizes = new Map<string, number>();
  let changedFiles = 0;
  let committedBytes = 0;
  let largest = { path: "", bytes: 0 };
  let n = 0;
  await renderNights(
    {
      scale: opts.scale,
      last: opts.last,
      days: opts.days,
      layout: opts.layout,
      ...(opts.maxFileBytes === undefined ? {} : { maxFileBytes: opts.maxFileBytes }),
    },
    async (at, changed) => {
      const when = Math.floor(at.getTime() / 1000);
      const msg = `data: nightly sync ${at.toISOString().slice(0, 10)}\n`;
      const lines = [
        `commit refs/heads/main\ncommitter ace-bot <bot@example.invalid> ${when} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`,
      ];
      for (const [path, text] of [...changed].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (text === null) {
          sizes.delete(path);
          store.delete(path);
          lines.push(`D data/${path}\n`);
          continue;
        }
        const buf = Buffer.from(text);
        sizes.set(path, buf.length);
        committedBytes += buf.length;
        changedFiles++;
        if (buf.length > largest.bytes) largest = { path, bytes: buf.length };
        lines.push(`M 100644 ${await store.put(path, buf)} data/${path}\n`);
      }
      commits.push(`${lines.join("")}\n`);
      if (++n % 30 === 1) log(`  growth: night ${n}/${opts.days} (${Math.round((performance.now() - t0) / 1000)} s)`);
    },
  );
  await store.close();
  const cpu = process.cpuUsage(cpu0);
  const rendered = performance.now();
  const fi = spawn("git", ["fast-import", "--quiet"], { cwd: repo, stdio: ["pipe", "ignore", "pipe"] });
  const err: string[] = [];
  fi.stderr.on("data", (d: Buffer) => err.push(d.toString()));
  const done = new Promise<number | null>((r) => fi.once("close", r));
  fi.stdin.end(commits.join(""));
  if ((await done) !== 0) throw new Error(`git fast-import (commits) failed: ${err.join("").slice(0, 300)}`);
  const committed = performance.now();
  git(repo, ["repack", "-a", "-d", "-q", ...(opts.repackFromScratch ? ["-f"] : [])]);
  git(repo, ["prune", "--expire=now"]);
  const s = (a: number, b: number): number => Math.round((b - a) / 100) / 10;
  return {
    commits: n,
    data_bytes: [...sizes.values()].reduce((a, b) => a + b, 0),
    committed_bytes: committedBytes,
    changed_files: changedFiles,
    largest_file: largest.path,
    largest_file_bytes: largest.bytes,
    seeded_blobs: store.seeds,
    render_and_import_s: s(t0, rendered),
    render_cpu_s: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    commit_s: s(rendered, committed),
    repack_s: s(committed, performance.now()),
  };
}
