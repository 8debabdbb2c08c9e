// The growth bench's cached year: built once, re-measured from the cache while its key holds, rebuilt on --fresh or
// when anything that determines it changes (here: the number of nights); the key covers the builder's code and the
// world's, transitively.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { cachedYear, importClosure, yearKey } from "../../bench/growth-cache.ts";
import { buildYear, git } from "../../bench/growth-year.ts";
import { DEMO } from "../../sim/world/scales.ts";

const cacheDir = mkdtempSync(join(tmpdir(), "ace-growth-cache-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe("growth cache", () => {
  it("keys on the builder's import closure: nights, tables, blob store, core and the world", () => {
    const files = importClosure(join(REPO_ROOT, "bench", "growth-year.ts")).map((f) => f.slice(REPO_ROOT.length + 1));
    for (const f of [
      "bench/nights.ts",
      "bench/night-tables.ts",
      "bench/blob-store.ts",
      "core/files.ts",
      "sim/world/index.ts",
      "sim/world/scales.ts",
    ])
      expect(files).toContain(f);
    const opts = { scale: "S", last: new Date(DEMO.now), days: 3, layout: "month" as const };
    expect(yearKey(opts)).toBe(yearKey({ ...opts }));
    expect(yearKey(opts)).not.toBe(yearKey({ ...opts, layout: "fy" }));
    expect(yearKey(opts)).not.toBe(yearKey({ ...opts, days: 4 }));
  });

  it("builds once, reuses while the key holds, rebuilds on fresh", async () => {
    const opts = { scale: "S", last: new Date(DEMO.now), days: 3, layout: "month" as const };
    const log = (): void => {};
    const a = await cachedYear(cacheDir, opts, false, log);
    expect(a.built).toBe(true);
    expect(a.stats.commits).toBe(3);
    expect(git(a.repo, ["rev-list", "--count", "main"]).trim()).toBe("3");
    const head = git(a.repo, ["rev-parse", "main"]);
    const b = await cachedYear(cacheDir, opts, false, log);
    expect(b.built).toBe(false);
    expect(b.built_at).toBe(a.built_at);
    expect(b.key).toBe(a.key);
    const c = await cachedYear(cacheDir, opts, true, log);
    expect(c.built).toBe(true);
    expect(c.built_at >= a.built_at).toBe(true);
    // deterministic: the same commits again
    expect(git(c.repo, ["rev-parse", "main"])).toBe(head);
  }, 180_000);

  it("two stretches at once commit what one pass commits (the seam keeps only what changed)", async () => {
    const heads: string[] = [];
    for (const stretches of [1, 2]) {
      const repo = mkdtempSync(join(cacheDir, "seam-"));
      const opts = { scale: "S", last: new Date(DEMO.now), days: 8, layout: "fy" as const, stretches };
      const stats = await buildYear(repo, opts, () => {});
      expect(stats.stretches).toBe(stretches);
      heads.push(git(repo, ["log", "--format=%H %T", "main"]));
    }
    expect(heads[1]).toBe(heads[0]);
  }, 180_000);
});
