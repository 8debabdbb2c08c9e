/**
 * Repository growth: a simulated year of nightly data commits at scale S → the packed `.git` beside the data itself.
 * Day d's data is every committed dataset as of day d: the world's rows (data/ holds its goldens) whose own date is
 * on or before d, in the committed order. 365 commits are streamed into a fresh repository with `git fast-import`
 * (only files that changed that night), then `git gc` packs it as a clone would store it.
 * Approximation (stated in docs/bench.md): rows appear on their date and are never rewritten afterwards, so late
 * status changes of older rows (an exam scheduled, then taken) are not replayed day by day.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "csv-parse/sync";
import type { BenchContext, BenchItem } from "./lib.ts";
import { figure, round } from "./lib.ts";

/** date columns in order of preference: the row's own "it happened" date */
const DATE_COLUMNS = ["registered_at", "certified_at", "first_seen_at", "date", "day", "week", "month", "created_at"];
const DAY = 86_400_000;

interface DatedFile {
  readonly path: string;
  readonly header: string;
  /** [epoch ms or -Infinity, raw line] in committed order */
  readonly rows: readonly (readonly [number, string])[];
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "schema" || e.name === "aggregated" || e.name === "state" ? [] : csvFiles(p);
    return e.name.endsWith(".csv") ? [p] : [];
  });
}

function dated(dataDir: string, file: string): DatedFile {
  const text = readFileSync(file, "utf8");
  const records = parse(text, { raw: true }) as unknown as { record: string[]; raw: string }[];
  const [head, ...body] = records;
  const header = head?.record ?? [];
  const col = DATE_COLUMNS.map((c) => header.indexOf(c)).find((i) => i >= 0) ?? -1;
  const rows = body.map((r): [number, string] => {
    const v = col < 0 ? "" : (r.record[col] ?? "");
    const t = v === "" ? Number.NEGATIVE_INFINITY : Date.parse(v.length === 7 ? `${v}-01` : v);
    return [Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t, r.raw.replace(/\r?\n$/, "")];
  });
  return { path: relative(dataDir, file), header: head?.raw.replace(/\r?\n$/, "") ?? "", rows };
}

function dirBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = join(dir, e.name);
    return sum + (e.isDirectory() ? dirBytes(p) : statSync(p).size);
  }, 0);
}

export async function growthItem(ctx: BenchContext, dataDir: string, now: Date, days = 365): Promise<BenchItem> {
  const t0 = performance.now();
  const files = csvFiles(dataDir).map((f) => dated(dataDir, f));
  const repo = mkdtempSync(join(tmpdir(), "ace-bench-growth-"));
  try {
    spawnSync("git", ["init", "-q", "-b", "main", repo], { stdio: "ignore" });
    const git = spawn("git", ["fast-import", "--quiet"], { cwd: repo, stdio: ["pipe", "ignore", "inherit"] });
    const done = new Promise<number | null>((r) => git.once("close", r));
    const write = (s: string | Buffer): Promise<void> =>
      git.stdin.write(s) ? Promise.resolve() : new Promise((r) => git.stdin.once("drain", () => r()));
    const last = new Map<string, string>();
    let dataBytes = 0;
    for (let d = days - 1; d >= 0; d--) {
      const day = new Date(Math.floor((now.getTime() - d * DAY) / DAY) * DAY + DAY - 1);
      const changed: [string, Buffer][] = [];
      dataBytes = 0;
      for (const f of files) {
        const body = f.rows.filter(([t]) => t <= day.getTime()).map(([, raw]) => raw);
        const text = `${[f.header, ...body].join("\n")}\n`;
        dataBytes += Buffer.byteLength(text);
        if (last.get(f.path) !== text) {
          last.set(f.path, text);
          changed.push([f.path, Buffer.from(text)]);
        }
      }
      const when = Math.floor(day.getTime() / 1000);
      const msg = `data: nightly sync ${day.toISOString().slice(0, 10)}\n`;
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
    git.stdin.end();
    if ((await done) !== 0) throw new Error("git fast-import failed");
    const gc = spawnSync("git", ["gc", "--prune=now", "--quiet"], { cwd: repo, stdio: "ignore" });
    if (gc.status !== 0) throw new Error("git gc failed");
    const packed = dirBytes(join(repo, ".git"));
    const commits = spawnSync("git", ["rev-list", "--count", "main"], { cwd: repo, encoding: "utf8" }).stdout.trim();
    ctx.log(
      `  growth: ${commits} commits, .git ${(packed / 1e6).toFixed(1)} MB, data ${(dataBytes / 1e6).toFixed(1)} MB`,
    );
    return {
      id: "growth",
      title: `Repository growth: ${days} nightly commits`,
      status: "ok",
      scale: "S (committed data/)",
      measure: figure("packed .git after a year (git gc)", "MB", [round(packed / 1e6)]),
      anchor: figure("the data itself (CSV bytes at the end of the year)", "MB", [round(dataBytes / 1e6)]),
      ratio: round(packed / dataBytes),
      extra: { commits: Number(commits), git_bytes: packed, data_bytes: dataBytes },
      note: "rows appear on their own date and are not rewritten afterwards (see docs/bench.md)",
      seconds: round((performance.now() - t0) / 1000, 1),
    };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
