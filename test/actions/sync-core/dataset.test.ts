/** The core with a fake source: status semantics, dry run, skip, partial + state files, invalid rows, shrink. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Row } from "#core/format.ts";
import { readSyncStatus, statusPath } from "#core/status.ts";
import { silentReporter } from "../../../actions/sync-core/src/report.ts";
import { runSync } from "../../../actions/sync-core/src/run.ts";
import { type DatasetOutcome, type Source, SyncRefusal } from "../../../actions/sync-core/src/source.ts";
import { datasetText } from "../../harness/data-files.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function rows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    user_id: i.toString(16).padStart(16, "0"),
    date: "2026-01-02",
    item_id: "learn-module/intro",
    item_type: "module",
    completed: i % 2 === 0,
  }));
}

function source(make: () => Row[] | Error, outcome?: DatasetOutcome): Source {
  return {
    name: "fake",
    datasets: ["learning_activity"],
    async dataset() {
      const r = make();
      if (r instanceof Error) throw r;
      return { rows: r, sources: ["fake:test"], ...(outcome ? { outcome: () => outcome } : {}) };
    },
  };
}

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), "ace-core-"));
  dirs.push(d);
  return d;
}

const run = (dataDir: string, s: Source, extra: { dryRun?: boolean; allowShrink?: boolean; at?: string } = {}) =>
  runSync({
    dataDir,
    sources: [s],
    now: new Date(extra.at ?? "2026-11-24T02:00:00Z"),
    reporter: silentReporter(),
    ...(extra.dryRun ? { dryRun: true } : {}),
    ...(extra.allowShrink ? { allowShrink: true } : {}),
  });

describe("sync core", () => {
  it("writes ok, then unchanged without touching the status; a later failure records the error and keeps the file", async () => {
    const d = dir();
    expect(
      (
        await run(
          d,
          source(() => rows(10)),
        )
      ).results[0]?.status,
    ).toBe("ok");
    const status = readFileSync(statusPath(d), "utf8");
    const csv = datasetText(d, "learning_activity");
    const again = await run(
      d,
      source(() => rows(10)),
      { at: "2026-11-25T02:00:00Z" },
    );
    expect(again.results[0]?.status).toBe("unchanged");
    expect(readFileSync(statusPath(d), "utf8")).toBe(status);
    const failed = await run(
      d,
      source(() => new Error("boom")),
    );
    expect(failed.exitCode).toBe(1);
    expect(readSyncStatus(d).datasets.learning_activity).toMatchObject({ status: "failed", error: "boom", rows: 10 });
    expect(datasetText(d, "learning_activity")).toBe(csv);
    // recovery with identical data is a state change: recorded as unchanged, error cleared
    await run(
      d,
      source(() => rows(10)),
      { at: "2026-11-26T02:00:00Z" },
    );
    expect(readSyncStatus(d).datasets.learning_activity).toMatchObject({
      status: "unchanged",
      error: null,
      last_success_at: "2026-11-26T02:00:00Z",
      last_changed_at: "2026-11-24T02:00:00Z",
    });
  });

  it("dry run writes nothing", async () => {
    const d = dir();
    const r = await run(
      d,
      source(() => rows(3)),
      { dryRun: true },
    );
    expect(r.results[0]?.message).toMatch(/dry run/);
    expect(existsSync(join(d, "learning_activity.csv"))).toBe(false);
    expect(existsSync(join(d, "learning_activity"))).toBe(false);
    expect(existsSync(statusPath(d))).toBe(false);
  });

  it("refuses invalid rows, refusals and a > 20% shrink; --allow-shrink accepts the shrink", async () => {
    const d = dir();
    await run(
      d,
      source(() => rows(10)),
    );
    const bad = await run(
      d,
      source(() => [...rows(9), { ...rows(1)[0], user_id: "NOT-HEX" } as Row]),
    );
    expect(bad.results[0]).toMatchObject({ status: "refused" });
    expect(bad.results[0]?.message).toMatch(/invalid rows.*user_id/);
    const refusal = await run(
      d,
      source(() => new SyncRefusal("nope")),
    );
    expect(refusal.results[0]).toMatchObject({ status: "refused", message: "nope" });
    expect(
      (
        await run(
          d,
          source(() => rows(7)),
        )
      ).results[0]?.status,
    ).toBe("refused");
    expect(
      (
        await run(
          d,
          source(() => rows(8)),
        )
      ).results[0]?.status,
    ).toBe("ok");
    expect(
      (
        await run(
          d,
          source(() => rows(2)),
          { allowShrink: true },
        )
      ).results[0]?.status,
    ).toBe("ok");
  });

  it("partial: writes what completed, records progress and commits state files", async () => {
    const d = dir();
    const r = await run(
      d,
      source(() => rows(4), {
        partial: { done: 4, total: 10, cursor: "abc" },
        stateFiles: new Map([["state/fake.json", '{"cursor":"abc"}\n']]),
      }),
    );
    expect(r.results[0]?.status).toBe("partial");
    expect(readSyncStatus(d).datasets.learning_activity?.progress).toEqual({ done: 4, total: 10, cursor: "abc" });
    expect(readFileSync(join(d, "state/fake.json"), "utf8")).toBe('{"cursor":"abc"}\n');
  });

  it("rejects an unknown dataset name", async () => {
    await expect(
      runSync({
        dataDir: dir(),
        sources: [source(() => [])],
        datasets: ["nope"],
        now: new Date(),
        reporter: silentReporter(),
      }),
    ).rejects.toThrow(/unknown dataset nope/);
  });
});
