/**
 * The year's repository, cached (the repository-growth bench at M: building 365 nights takes far longer than the
 * bench's budget). `bench/cache/<scale>/growth-<layout>-<nights>/` holds the repository and `meta.json`: the key it
 * was built for, when, and in how long. The key hashes everything that determines the repository: the scale, the
 * last night, the number of nights, the layout, the threshold override, the repack mode, the `git --version`, the
 * code of the builder and every local module it imports (the world's code and its parameters included, transitively)
 * and the datasets' schemas. A different key, a missing or half-built repository, or `fresh` rebuilds it.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { REPO_ROOT } from "#core/schema.ts";
import { buildYear, git, type YearOptions, type YearStats } from "./growth-year.ts";

/** The local modules `entry` imports, transitively (relative paths and `#core/*`), itself included, sorted. */
export function importClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s+"([^"]+)"/g)) {
      const spec = m[1] ?? "";
      if (spec.startsWith("#core/")) visit(join(REPO_ROOT, "core", spec.slice(6)));
      else if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
    }
  };
  visit(entry);
  return [...seen].sort();
}

export function yearKey(opts: YearOptions): string {
  const h = createHash("sha256");
  const { scale, last, days, layout, maxFileBytes, repackFromScratch, stretches } = opts;
  h.update(
    JSON.stringify({ scale, last: last.toISOString(), days, layout, maxFileBytes, repackFromScratch, stretches }),
  );
  h.update(git(REPO_ROOT, ["--version"]));
  const schemas = join(REPO_ROOT, "data", "schema");
  const files = [
    ...importClosure(join(REPO_ROOT, "bench", "growth-year.ts")),
    join(REPO_ROOT, "bench", "growth-worker.ts"),
    ...readdirSync(schemas)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => join(schemas, f)),
  ];
  for (const f of files) h.update(`${f.slice(REPO_ROOT.length)}\0`).update(readFileSync(f));
  return h.digest("hex").slice(0, 16);
}

export interface CachedYear {
  readonly repo: string;
  readonly key: string;
  /** ISO time the build finished */
  readonly built_at: string;
  readonly build_s: number;
  readonly stats: YearStats;
  /** true if this call built it */
  readonly built: boolean;
}

/** The year's repository: from the cache if its key matches (and not `fresh`), else built now and cached. */
export async function cachedYear(
  cacheDir: string,
  opts: YearOptions,
  fresh: boolean,
  log: (l: string) => void,
): Promise<CachedYear> {
  const dir = join(cacheDir, opts.scale, `growth-${opts.layout}-${opts.days}`);
  const metaPath = join(dir, "meta.json");
  const key = yearKey(opts);
  if (!fresh && existsSync(metaPath) && existsSync(join(dir, "repo", ".git"))) {
    const meta = JSON.parse(readFileSync(metaPath, "utf8")) as Omit<CachedYear, "repo" | "built">;
    if (meta.key === key) return { ...meta, repo: join(dir, "repo"), built: false };
    log(`  growth: cached year ${dir} is for key ${meta.key}, not ${key}: rebuilding`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "building"), { recursive: true });
  const t0 = performance.now();
  log(`  growth: building ${opts.days} nights (${opts.layout} layout) into ${dir}`);
  const stats = await buildYear(join(dir, "building"), opts, log);
  renameSync(join(dir, "building"), join(dir, "repo"));
  const meta = {
    key,
    built_at: new Date().toISOString(),
    build_s: Math.round((performance.now() - t0) / 100) / 10,
    stats,
  };
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  return { ...meta, repo: join(dir, "repo"), built: true };
}
