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
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchContext, BenchItem } from "./lib.ts";
import { figure, round } from "./lib.ts";
import type { LayoutName } from "./night-tables.ts";
import { renderNights } from "./nights.ts";

function dirBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = join(dir, e.name);
    return sum + (e.isDirectory() ? dirBytes(p) : statSync(p).size);
  }, 0);
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr.trim().slice(0, 300)}`);
  return r.stdout;
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
  /** `writer` (the schemas' layout, default), `month` or `fy` (bench/night-tables.ts); the last-night check applies to `writer` */
  readonly layout?: LayoutName;
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
  const layout = opts.layout ?? "writer";
  const repo = mkdtempSync(join(tmpdir(), "ace-bench-growth-"));
  try {
    git(repo, ["init", "-q", "-b", "main"]);
    const fi = spawn("git", ["fast-import", "--quiet"], { cwd: repo, stdio: ["pipe", "ignore", "inherit"] });
    const done = new Promise<number | null>((r) => fi.once("close", r));
    const write = (s: string | Buffer): Promise<void> =>
      fi.stdin.write(s) ? Promise.resolve() : new Promise((r) => fi.stdin.once("drain", () => r()));
    const sizes = new Map<string, number>();
    let changedFiles = 0;
    let committedBytes = 0;
    let largest = { path: "", bytes: 0 };
    let n = 0;
    await renderNights(
      {
        scale,
        last: now,
        days,
        layout,
        ...(opts.maxFileBytes === undefined ? {} : { maxFileBytes: opts.maxFileBytes }),
      },
      async (at, changed) => {
        const when = Math.floor(at.getTime() / 1000);
        const msg = `data: nightly sync ${at.toISOString().slice(0, 10)}\n`;
        await write(
          `commit refs/heads/main\ncommitter ace-bot <bot@example.invalid> ${when} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`,
        );
        for (const [path, text] of [...changed].sort(([a], [b]) => (a < b ? -1 : 1))) {
          if (text === null) {
            sizes.delete(path);
            await write(`D data/${path}\n`);
            continue;
          }
          const buf = Buffer.from(text);
          sizes.set(path, buf.length);
          committedBytes += buf.length;
          changedFiles++;
          if (buf.length > largest.bytes) largest = { path, bytes: buf.length };
          await write(`M 100644 inline data/${path}\ndata ${buf.length}\n`);
          await write(buf);
          await write("\n");
        }
        await write("\n");
        if (++n % 30 === 1) ctx.log(`  growth: night ${n}/${days} (${round((performance.now() - t0) / 1000, 0)} s)`);
      },
    );
    fi.stdin.end();
    if ((await done) !== 0) throw new Error("git fast-import failed");
    const rendered = performance.now();
    git(repo, ["repack", "-a", "-d", "-f", "-q"]);
    git(repo, ["prune", "--expire=now"]);
    const packed = dirBytes(join(repo, ".git"));
    const repacked = performance.now();
    const byFile = packedByFile(repo);
    const clone = join(repo, "..", `${repo.split("/").at(-1) ?? "x"}-clone`);
    const c0 = performance.now();
    git(tmpdir(), ["clone", "-q", "--no-local", repo, clone]);
    const cloneS = (performance.now() - c0) / 1000;
    rmSync(clone, { recursive: true, force: true });
    // the anchor: the last night's tree alone, packed the same way
    const snap = mkdtempSync(join(tmpdir(), "ace-bench-snapshot-"));
    let snapPacked = 0;
    let snapByFile = "";
    try {
      git(snap, ["init", "-q", "--bare", "-b", "main"]);
      git(snap, ["fetch", "-q", "--depth=1", `file://${repo}`, "main:refs/heads/main"]);
      git(snap, ["repack", "-a", "-d", "-f", "-q"]);
      git(snap, ["prune", "--expire=now"]);
      snapPacked = dirBytes(snap);
      snapByFile = packedByFile(snap).text;
    } finally {
      rmSync(snap, { recursive: true, force: true });
    }
    const commits = Number(git(repo, ["rev-list", "--count", "main"]).trim());
    const matches = layout === "writer" ? lastNightMatches(repo, dataDir) : "not checked (another layout)";
    const dataBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
    ctx.log(
      `  growth: ${commits} commits, .git ${(packed / 1e6).toFixed(1)} MB, one snapshot ${(snapPacked / 1e6).toFixed(1)} MB, clone ${cloneS.toFixed(1)} s`,
    );
    return {
      id: "growth",
      title: `Repository growth: ${days} nightly commits`,
      status: "ok",
      scale: `${scale === "S" ? "S (the committed demo world)" : scale}${layout === "writer" ? "" : `, ${layout} layout`}`,
      measure: figure("packed .git after a year (git repack -a -d -f)", "MB", [round(packed / 1e6)]),
      anchor: figure("one snapshot packed alone (the last night's tree)", "MB", [round(snapPacked / 1e6)]),
      ratio: round(packed / snapPacked),
      extra: {
        commits,
        git_bytes: packed,
        snapshot_packed_bytes: snapPacked,
        data_bytes: dataBytes,
        committed_bytes: committedBytes,
        changed_files: changedFiles,
        version_bytes: byFile.versions,
        packed_mb_by_file: byFile.text,
        snapshot_mb_by_file: snapByFile,
        largest_file: largest.path,
        largest_file_bytes: largest.bytes,
        clone_s: round(cloneS, 1),
        last_night_equals_committed_data: matches,
        render_and_import_s: round((rendered - t0) / 1000, 1),
        repack_s: round((repacked - rendered) / 1000, 1),
      },
      note: "only the files that changed each night; sync_status.json, state/kusto.json and aggregated/ not included (docs/storage.md)",
      seconds: round((performance.now() - t0) / 1000, 1),
    };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
