// The site's freshness with the run record: checked unchanged = fresh, the previously published record carries the
// datasets the last run did not select, invalid records are ignored with a warning.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSchemas } from "#core/schema.ts";
import { bannerItems, datasetHealth } from "../../site/_load/freshness.ts";
import { loadRun } from "../../site/_load/load.ts";
import { localSource } from "../../site/_load/source.ts";
import { fixtureStatus } from "../harness/site/fixture.ts";

const T1 = "2026-11-24T02:00:00Z";
const T2 = "2026-12-24T02:00:00Z";
const W = "2026-12-20T02:00:00Z";
const schemas = loadSchemas();
const names = [...schemas.values()];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "ace-site-run-"));
  dirs.push(dir);
  for (const [f, v] of Object.entries(files))
    writeFileSync(join(dir, f), typeof v === "string" ? v : JSON.stringify(v));
  return dir;
}

type Run = { version: 1; clock: string; datasets: Record<string, { status: string; checked_at: string | null }> };
const record = (clock: string, cadence: "nightly" | "weekly"): Run => ({
  version: 1,
  clock,
  datasets: Object.fromEntries(
    names.filter((s) => s.cadence === cadence).map((s) => [s.name, { status: "unchanged", checked_at: clock }]),
  ),
});

describe("site freshness with the run record", () => {
  const status = fixtureStatus(T1);

  it("without a run record, data unchanged for 30 days is stale everywhere", async () => {
    const { run, warnings } = await loadRun(localSource(dataDir({})));
    expect(warnings).toEqual([]);
    expect(bannerItems(datasetHealth(schemas, status, new Date(T2), run))).toHaveLength(names.length);
  });

  it("the last run (nightly) plus the previously published record (weekly) leave nothing stale", async () => {
    const dir = dataDir({ "sync-run.json": record(T2, "nightly"), "sync-run.previous.json": record(W, "weekly") });
    const { run } = await loadRun(localSource(dir));
    const health = datasetHealth(schemas, status, new Date(T2), run);
    expect(bannerItems(health)).toEqual([]);
    for (const h of health) {
      expect(h.lastCheckedAt, h.name).toBe(h.cadence === "nightly" ? T2 : W);
      expect(h.lastChangedAt).toBe(T1);
    }
  });

  it("an invalid run record is ignored with a warning; a failed dataset stays stale", async () => {
    const bad = await loadRun(
      localSource(dataDir({ "sync-run.json": "{", "sync-run.previous.json": record(W, "weekly") })),
    );
    expect(bad.warnings).toEqual(["sync-run.json ignored: not valid JSON"]);
    const failed = record(T2, "nightly");
    failed.datasets.certified_users = { status: "failed", checked_at: null };
    const { run } = await loadRun(localSource(dataDir({ "sync-run.json": failed })));
    const health = datasetHealth(schemas, status, new Date(T2), run);
    expect(bannerItems(health).map((h) => h.name)).toContain("certified_users");
    expect(health.find((h) => h.name === "individual_exams")?.state).toBe("fresh");
  });
});
