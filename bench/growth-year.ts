/**
 * Builds the repository of a year of nightly data commits (the repository-growth bench, `growth.ts`): the nights of
 * `nights.ts` (ONE world, only what changed re-rendered), each night's changed files stored as deltas against their
 * previous version (`blob-store.ts`, one fast-import per path, as nightly pushes store them), then the commits
 * streamed by one `git fast-import` that names those blobs, then `git repack -a -d` (a normal repack: existing deltas
 * reused, what `git gc` leaves and a clone then receives; docs/storage.md compares it with `-f`).
 * A long year is rendered as two stretches at once (the first half in a worker thread): a night's files are a pure
 * function of the world and the clock, so the second stretch starts from its own first night; at the seam its
 * commit keeps only the files that differ from the first stretch's last night (and deletes the ones gone), so the
 * commits are those of one pass. The seam's versions are stored whole; `repack -a -d` deltas them (other packs).
 */
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
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
  /** 1 or 2 stretches rendered at once (default: 2 from 60 nights on) */
  readonly stretches?: number;
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
  /** stretches rendered at once (the first in a worker thread) */
  readonly stretches: number;
  readonly render_and_import_s: number;
  /** CPU seconds of the renderers (rendering, hashing, piping; both threads) over the nights */
  readonly render_cpu_s: number;
  readonly commit_s: number;
  readonly repack_s: number;
}

export interface StretchOptions {
  readonly scale: string;
  /** ISO time of the stretch's last night */
  readonly last: string;
  readonly days: number;
  readonly layout: LayoutName;
  readonly maxFileBytes?: number;
}

/** a committed file: path, blob id (null: deleted), bytes */
type Entry = readonly [string, string | null, number];

/** One stretch of nights: each night's time and changed files (blob ids), and the files at its end. */
export interface Stretch {
  readonly nights: { readonly when: number; readonly files: Entry[] }[];
  readonly end: [string, string, number][];
  readonly seeds: number;
  readonly cpu_s: number;
}

/** Renders a stretch of nights, storing every new file version into `repo` (blob-store.ts). */
export async function renderStretch(
  repo: string,
  opts: StretchOptions,
  tag: string,
  log: (l: string) => void,
): Promise<Stretch> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const store = new BlobStore(repo, { tag });
  const nights: Stretch["nights"] = [];
  const state = new Map<string, [string, number]>();
  await renderNights(
    {
      scale: opts.scale,
      last: new Date(opts.last),
      days: opts.days,
      layout: opts.layout,
      ...(opts.maxFileBytes === undefined ? {} : { maxFileBytes: opts.maxFileBytes }),
    },
    async (at, changed) => {
      const files: Entry[] = [];
      for (const [path, text] of [...changed].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (text === null) {
          state.delete(path);
          store.delete(path);
          files.push([path, null, 0]);
          continue;
        }
        const buf = Buffer.from(text);
        const id = await store.put(path, buf);
        state.set(path, [id, buf.length]);
        files.push([path, id, buf.length]);
      }
      nights.push({ when: Math.floor(at.getTime() / 1000), files });
      if (nights.length % 30 === 1)
        log(`  growth ${tag}: night ${nights.length}/${opts.days} (${Math.round((performance.now() - t0) / 1000)} s)`);
    },
  );
  await store.close();
  const cpu = process.cpuUsage(cpu0);
  return {
    nights,
    end: [...state].map(([p, [id, n]]) => [p, id, n]),
    seeds: store.seeds,
    cpu_s: (cpu.user + cpu.system) / 1e6,
  };
}

/** The first stretch in a worker thread (`growth-worker.ts`). */
function stretchInWorker(repo: string, opts: StretchOptions, log: (l: string) => void): Promise<Stretch> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./growth-worker.ts", import.meta.url), { workerData: { repo, opts } });
    w.on("message", (m: { log?: string; result?: Stretch }) => {
      if (m.log !== undefined) log(m.log);
      if (m.result !== undefined) resolve(m.result);
    });
    w.once("error", reject);
    w.once("exit", (code) => {
      if (code !== 0) reject(new Error(`growth worker exited with ${code}`));
    });
  });
}

const DAY_MS = 86_400_000;

export async function buildYear(repo: string, opts: YearOptions, log: (l: string) => void): Promise<YearStats> {
  const t0 = performance.now();
  git(repo, ["init", "-q", "-b", "main"]);
  const base = {
    scale: opts.scale,
    layout: opts.layout,
    ...(opts.maxFileBytes === undefined ? {} : { maxFileBytes: opts.maxFileBytes }),
  };
  // two stretches for a long year (the first in a worker), one otherwise
  const firstDays = (opts.stretches ?? (opts.days >= 60 ? 2 : 1)) === 2 ? Math.floor(opts.days / 2) : 0;
  const restDays = opts.days - firstDays;
  const [a, b] = await Promise.all([
    firstDays === 0
      ? undefined
      : stretchInWorker(
          repo,
          { ...base, last: new Date(opts.last.getTime() - restDays * DAY_MS).toISOString(), days: firstDays },
          log,
        ),
    renderStretch(repo, { ...base, last: opts.last.toISOString(), days: restDays }, "b", log),
  ]);
  rmSync(join(repo, ".git", "blob-import"), { recursive: true, force: true });
  const nights = [...(a?.nights ?? []), ...b.nights];
  const seam = b.nights[0];
  if (a !== undefined && seam !== undefined) {
    // the seam: only what differs from the first stretch's last night, and the files it no longer has
    const before = new Map(a.end.map(([p, id]) => [p, id]));
    const now = new Set(seam.files.map(([p]) => p));
    seam.files.splice(
      0,
      seam.files.length,
      ...[
        ...seam.files.filter(([p, id]) => before.get(p) !== id),
        ...[...before.keys()].filter((p) => !now.has(p)).map((p): Entry => [p, null, 0]),
      ].sort(([x], [y]) => (x < y ? -1 : 1)),
    );
  }
  const rendered = performance.now();
  let changedFiles = 0;
  let committedBytes = 0;
  let largest = { path: "", bytes: 0 };
  const text = nights.map(({ when, files }) => {
    const msg = `data: nightly sync ${new Date(when * 1000).toISOString().slice(0, 10)}\n`;
    const lines = [
      `commit refs/heads/main\ncommitter ace-bot <bot@example.invalid> ${when} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`,
    ];
    for (const [path, id, bytes] of files) {
      if (id === null) {
        lines.push(`D data/${path}\n`);
        continue;
      }
      changedFiles++;
      committedBytes += bytes;
      if (bytes > largest.bytes) largest = { path, bytes };
      lines.push(`M 100644 ${id} data/${path}\n`);
    }
    return `${lines.join("")}\n`;
  });
  const fi = spawn("git", ["fast-import", "--quiet"], { cwd: repo, stdio: ["pipe", "ignore", "pipe"] });
  const err: string[] = [];
  fi.stderr.on("data", (d: Buffer) => err.push(d.toString()));
  const done = new Promise<number | null>((r) => fi.once("close", r));
  fi.stdin.end(text.join(""));
  if ((await done) !== 0) throw new Error(`git fast-import (commits) failed: ${err.join("").slice(0, 300)}`);
  const committed = performance.now();
  git(repo, ["repack", "-a", "-d", "-q", ...(opts.repackFromScratch ? ["-f"] : [])]);
  git(repo, ["prune", "--expire=now"]);
  const s = (x: number, y: number): number => Math.round((y - x) / 100) / 10;
  return {
    commits: nights.length,
    data_bytes: b.end.reduce((sum, [, , n]) => sum + n, 0),
    committed_bytes: committedBytes,
    changed_files: changedFiles,
    largest_file: largest.path,
    largest_file_bytes: largest.bytes,
    seeded_blobs: (a?.seeds ?? 0) + b.seeds,
    stretches: a === undefined ? 1 : 2,
    render_and_import_s: s(t0, rendered),
    render_cpu_s: Math.round(((a?.cpu_s ?? 0) + b.cpu_s) * 10) / 10,
    commit_s: s(rendered, committed),
    repack_s: s(committed, performance.now()),
  };
}
