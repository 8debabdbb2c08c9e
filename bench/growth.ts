/**
 * Repository growth: a simulated year of nightly data commits → the packed `.git`, beside one snapshot's packed size.
 * Night d's commit is the committed data as the world renders it at 02:00 UTC that day, and only the files that
 * changed that night (`nights.ts`: ONE world generated as of the last night, each night re-rendering the people whose
 * facts change that night; byte-identical to a whole world rendered per night, `snapshot.ts`, by the growth test).
 * The commits are streamed into a fresh repository with `git fast-import`, then repacked from scratch
 * (`git repack -a -d -f`, what a fresh clone receives) and cloned (`git clone --no-local`, timed). The anchor: the
 * last night's tree alone (a depth-1 fetch of the last commit into a fresh repository, repacked the same way). The last
 * night is checked blob for blob against the world's committed data (`data/` at S, `bench/cache/M` at M). Not
 * included: `data/sync_status.json`, `data/state/kusto.json` (a few KB a night) and `data/aggregated/` (derived).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedYear } from "./growth-cache.ts";
import { buildYear, git, type YearStats } from "./growth-year.ts";
import type { BenchContext, BenchItem } from "./lib.ts";
import { figure, round } from "./lib.ts";
import type { LayoutName } from "./night-tables.ts";

function dirBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = join(dir, e.name);
    return sum + (e.isDirectory() ? dirBytes(p) : statSync(p).size);
  }, 0);
}

/** Does the last commit's `data/` tree equal the world's committed files, blob for blob (both ways)? */
function lastNightMatches(repo: string, dataDir: string): boolean {
  const tree = new Map<string, string>();
  for (const line of git(repo, ["ls-tree", "-r", "main"]).split("\n")) {
    const m = /^\d+ blob ([0-9a-f]+)\tdata\/(.+)$/.exec(line);
    if (m?.[1] && m[2]) tree.set(m[2], m[1]);
  }
  const paths = [...tree.keys()];
  if (!paths.every((p) => existsSync(join(dataDir, p)))) return false;
  const r = spawnSync("git", ["hash-object", "--no-filters", "--stdin-paths"], {
    cwd: repo,
    input: paths.map((p) => join(dataDir, p)).join("\n"),
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const hashes = r.stdout.trim().split("\n");
  if (!paths.every((p, i) => tree.get(p) === hashes[i])) return false;
  // and no committed CSV of the world is missing from the tree
  const csvs = readdirSync(dataDir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? readdirSync(join(dataDir, e.name))
          .filter((f) => /^FY\d{2}\.csv$/.test(f))
          .map((f) => `${e.name}/${f}`)
      : e.name.endsWith(".csv")
        ? [e.name]
        : [],
  );
  return csvs.every((p) => tree.has(p));
}

/**
 * Packed bytes per dataset (partitions together) and for trees + commits, largest first ("name MB; …"), and the
 * bytes of every distinct file version (what a clone inflates and hashes).
 */
function packedByFile(repo: string): { text: string; versions: number } {
  const objects = git(repo, ["rev-list", "--objects", "--all"]).trim().split("\n");
  const r = spawnSync("git", ["cat-file", "--batch-check=%(objecttype) %(objectsize:disk) %(objectsize)"], {
    cwd: repo,
    input: objects.map((l) => l.slice(0, 40)).join("\n"),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const sums = new Map<string, number>();
  let versions = 0;
  r.stdout
    .trim()
    .split("\n")
    .forEach((line, i) => {
      const [type = "", size = "0", full = "0"] = line.split(" ");
      if (type === "blob") versions += Number(full);
      const path = (objects[i] ?? "").slice(41);
      const key = type === "blob" ? path.replace(/^data\//, "").replace(/\/[^/]+\.csv$/, "/*") : "trees + commits";
      sums.set(key, (sums.get(key) ?? 0) + Number(size));
    });
  const text = [...sums]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${(v / 1e6).toFixed(2)}`)
    .join("; ");
  return { text, versions };
}

export interface GrowthOptions {
  readonly scale?: string;
  /** override every partitioned schema's threshold (tests) */
  readonly maxFileBytes?: number;
  /** `month` (the writer's layout since it was adopted, default; the last-night check applies to it), `writer` (the schemas' layout, the same) or `fy` (the fiscal-year layout before it) */
  readonly layout?: LayoutName;
  /** keep the year's repository in bench/cache/<scale>/ and re-measure it while its key holds (growth-cache.ts) */
  readonly cache?: boolean;
  /** rebuild the cached year even if its key holds */
  readonly fresh?: boolean;
  /** `git repack -a -d -f` instead of a normal repack (the comparison of docs/storage.md) */
  readonly repackFromScratch?: boolean;
}

const objectBytes = (gitDir: string): number => dirBytes(join(gitDir, "objects"));

/** The packed size of `repo`'s last commit alone: a depth-1 fetch into a fresh repository, `repack -a -d -f`. */
function snapshotPacked(repo: string): { bytes: number; byFile: string } {
  const snap = mkdtempSync(join(tmpdir(), "ace-bench-snapshot-"));
  try {
    git(snap, ["init", "-q", "--bare", "-b", "main"]);
    git(snap, ["fetch", "-q", "--depth=1", `file://${repo}`, "main:refs/heads/main"]);
    git(snap, ["repack", "-a", "-d", "-f", "-q"]);
    git(snap, ["prune", "--expire=now"]);
    return { bytes: objectBytes(snap), byFile: packedByFile(snap).text };
  } finally {
    rmSync(snap, { recursive: true, force: true });
  }
}

/** A timed `git clone --no-local` (checkout included) and the bytes of the pack it received. */
function timedClone(repo: string): { seconds: number; packBytes: number } {
  const clone = mkdtempSync(join(tmpdir(), "ace-bench-clone-"));
  try {
    const c0 = performance.now();
    git(tmpdir(), ["clone", "-q", "--no-local", repo, join(clone, "c")]);
    const seconds = (performance.now() - c0) / 1000;
    const pack = join(clone, "c", ".git", "objects", "pack");
    const packBytes = readdirSync(pack)
      .filter((f) => f.endsWith(".pack"))
      .reduce((s, f) => s + statSync(join(pack, f)).size, 0);
    return { seconds, packBytes };
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

export async function growthItem(
  ctx: BenchContext,
  dataDir: string,
  now: Date,
  days = 365,
  opts: GrowthOptions = {},
): Promise<BenchItem> {
  const t0 = performance.now();
  const scale = opts.scale ?? "S";
  const layout = opts.layout ?? "month";
  const yearOpts = {
    scale,
    last: now,
    days,
    layout,
    ...(opts.maxFileBytes === undefined ? {} : { maxFileBytes: opts.maxFileBytes }),
    ...(opts.repackFromScratch ? { repackFromScratch: true } : {}),
  };
  let repo: string;
  let stats: YearStats;
  let source: string;
  let temp: string | undefined;
  if (opts.cache) {
    const y = await cachedYear(ctx.cacheDir, yearOpts, opts.fresh ?? false, ctx.log);
    repo = y.repo;
    stats = y.stats;
    source = `${y.built ? "built in this run and cached" : "from the cache"} (key ${y.key}, built at ${y.built_at} in ${y.build_s} s)`;
  } else {
    temp = mkdtempSync(join(tmpdir(), "ace-bench-growth-"));
    repo = temp;
    try {
      stats = await buildYear(repo, yearOpts, ctx.log);
    } catch (e) {
      rmSync(temp, { recursive: true, force: true });
      throw e;
    }
    source = "built in this run";
  }
  ctx.log(`  growth: the year's repository ${source}`);
  try {
    const m0 = performance.now();
    const packed = objectBytes(join(repo, ".git"));
    const byFile = packedByFile(repo);
    const clone = timedClone(repo);
    const snap = snapshotPacked(repo);
    const commits = Number(git(repo, ["rev-list", "--count", "main"]).trim());
    // the month layout is the writer's since it was adopted (docs/storage.md): its last night must be the world's data
    const matches = layout !== "fy" ? lastNightMatches(repo, dataDir) : "not checked (another layout)";
    ctx.log(
      `  growth: ${commits} commits, packed ${(packed / 1e6).toFixed(1)} MB, one snapshot ${(snap.bytes / 1e6).toFixed(1)} MB, clone ${clone.seconds.toFixed(1)} s (${(clone.packBytes / 1e6).toFixed(1)} MB received)`,
    );
    const repack = opts.repackFromScratch ? "git repack -a -d -f" : "git repack -a -d";
    return {
      id: "growth",
      title: `Repository growth: ${days} nightly commits`,
      status: "ok",
      scale: `${scale === "S" ? "S (the committed demo world)" : scale}, ${layout} layout`,
      measure: figure(`packed objects after ${days} nights (${repack})`, "MB", [round(packed / 1e6)]),
      anchor: figure("one snapshot packed alone (the last night's tree, git repack -a -d -f)", "MB", [
        round(snap.bytes / 1e6),
      ]),
      ratio: round(packed / snap.bytes),
      extra: {
        ...stats,
        commits,
        layout,
        year_source: source,
        packed_bytes: packed,
        clone_pack_bytes: clone.packBytes,
        snapshot_packed_bytes: snap.bytes,
        version_bytes: byFile.versions,
        packed_mb_by_file: byFile.text,
        snapshot_mb_by_file: snap.byFile,
        clone_s: round(clone.seconds, 1),
        last_night_equals_committed_data: matches,
        measure_s: round((performance.now() - m0) / 1000, 1),
      },
      note: `the year ${source}; only the files that changed each night; sync_status.json, state/kusto.json and aggregated/ not included (docs/storage.md)`,
      seconds: round((performance.now() - t0) / 1000, 1),
    };
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  }
}
