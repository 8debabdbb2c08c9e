import { describe, expect, it } from "vitest";
import {
  datasetFreshness,
  loadRunRecord,
  mergeRunRecords,
  parseRunRecord,
  type RunRecordInput,
} from "#core/staleness.ts";

const T1 = "2026-11-24T02:00:00Z";
const T2 = "2026-12-24T02:00:00Z";
const cadences = { a: "nightly", w: "weekly", n: "nightly" } as const;
const entry = (at: string | null, status = "unchanged") => ({ status, last_success_at: at, last_changed_at: at });
const status = { datasets: { a: entry(T1), w: entry(T1) } };
type Entry = { status: string; checked_at: string | null; sha256?: string | null };
const record = (clock: string, datasets: Record<string, Entry>) =>
  loadRunRecord(JSON.stringify({ version: 1, clock, datasets, started_at: "x", details: { any: 1 } }));

describe("datasetFreshness", () => {
  it("without a run record, a dataset not changed for 30 days is stale", () => {
    const r = datasetFreshness(status, { kind: "absent" }, cadences, new Date(T2));
    expect(r.runRecord).toBe("absent");
    expect(r.datasets.a).toMatchObject({ state: "stale", lastCheckedAt: T1, lastChangedAt: T1, checkedBy: "status" });
    expect(r.datasets.w?.state).toBe("stale");
    expect(r.datasets.n).toMatchObject({ state: "never", lastCheckedAt: null, ageHours: null });
  });

  it("a run that checked the data unchanged makes it fresh: checked moves, changed does not", () => {
    const run = record(T2, { a: { status: "unchanged", checked_at: T2 }, w: { status: "ok", checked_at: T2 } });
    const r = datasetFreshness(status, run, cadences, new Date(T2));
    expect(r.runRecord).toBe("used");
    expect(r.datasets.a).toMatchObject({
      state: "fresh",
      ageHours: 0,
      lastCheckedAt: T2,
      lastChangedAt: T1,
      lastSuccessAt: T1,
      checkedBy: "run",
    });
    expect(r.datasets.w?.state).toBe("fresh");
  });

  it("failed, refused, partial or skipped datasets of the run are not made fresh", () => {
    for (const s of ["failed", "refused", "partial", "skipped"]) {
      const run = record(T2, { a: { status: s, checked_at: null } });
      expect(datasetFreshness(status, run, cadences, new Date(T2)).datasets.a?.state).toBe("stale");
    }
  });

  it("a check counts only for the content it saw (same sha256 as the committed data)", () => {
    const A = "a".repeat(64);
    const B = "b".repeat(64);
    const committed = { datasets: { a: { ...entry(T1), sha256: A }, w: { ...entry(T1), sha256: A } } };
    const run = record(T2, {
      // the run found new data (B), still waiting in the data PR: main's copy (A) is not what it checked
      a: { status: "ok", checked_at: T2, sha256: B },
      w: { status: "unchanged", checked_at: T2, sha256: A },
    });
    const r = datasetFreshness(committed, run, cadences, new Date(T2));
    expect(r.datasets.a).toMatchObject({ state: "stale", lastCheckedAt: T1 });
    expect(r.datasets.w).toMatchObject({ state: "fresh", lastCheckedAt: T2 });
    expect(
      loadRunRecord(
        JSON.stringify({ version: 1, clock: T2, datasets: { a: { status: "ok", checked_at: T2, sha256: "x" } } }),
      ).kind,
    ).toBe("invalid");
  });

  it("ignores a run record older than the committed status", () => {
    const newer = { datasets: { a: entry(T2), w: entry(T1) } };
    const run = record(T1, { w: { status: "unchanged", checked_at: T1 } });
    const r = datasetFreshness(newer, run, cadences, new Date(T2));
    expect(r.runRecord).toBe("ignored: older than sync_status.json");
    expect(r.datasets.w?.lastCheckedAt).toBe(T1);
  });

  it("ignores an invalid run record with a warning", () => {
    const bad: RunRecordInput[] = [
      loadRunRecord("{"),
      loadRunRecord("[]"),
      loadRunRecord(JSON.stringify({ version: 2, clock: T2, datasets: {} })),
      loadRunRecord(JSON.stringify({ version: 1, clock: "yesterday", datasets: {} })),
      loadRunRecord(JSON.stringify({ version: 1, clock: T2, datasets: { a: { status: "great", checked_at: T2 } } })),
      // a check after the run's own clock is not believable
      loadRunRecord(JSON.stringify({ version: 1, clock: T1, datasets: { a: { status: "ok", checked_at: T2 } } })),
    ];
    for (const run of bad) {
      expect(run.kind).toBe("invalid");
      const r = datasetFreshness(status, run, cadences, new Date(T2));
      expect(r.runRecord).toMatch(/^ignored: invalid \(/);
      expect(r.warnings).toHaveLength(1);
      expect(r.datasets.a?.state).toBe("stale");
    }
  });

  it("keeps only status and checked_at of each dataset (messages and details are dropped)", () => {
    const r = parseRunRecord({
      version: 1,
      clock: T2,
      finished_at: "2026-12-24T02:03:00.123Z",
      datasets: { a: { status: "failed", checked_at: null, message: "HTTP 500 for alice" } },
    });
    expect(r).toEqual({
      kind: "record",
      record: { version: 1, clock: T2, datasets: { a: { status: "failed", checked_at: null } } },
    });
  });
});

describe("mergeRunRecords", () => {
  const nightly = record(T2, { a: { status: "unchanged", checked_at: T2 } });
  const weekly = record("2026-12-20T02:00:00Z", {
    w: { status: "unchanged", checked_at: "2026-12-20T02:00:00Z" },
    a: { status: "failed", checked_at: null },
  });

  it("keeps the previously published check of datasets the last run did not select; the newer entry wins", () => {
    const { run, warnings } = mergeRunRecords(nightly, weekly);
    expect(warnings).toEqual([]);
    expect(run).toEqual({
      kind: "record",
      record: {
        version: 1,
        clock: T2,
        datasets: {
          a: { status: "unchanged", checked_at: T2 },
          w: { status: "unchanged", checked_at: "2026-12-20T02:00:00Z" },
        },
      },
    });
    const r = datasetFreshness(status, run, cadences, new Date(T2));
    expect([r.datasets.a?.state, r.datasets.w?.state]).toEqual(["fresh", "fresh"]);
    // the same records in the other order give the same answer
    expect(mergeRunRecords(weekly, nightly).run).toEqual(
      expect.objectContaining({ record: expect.objectContaining({ clock: T2 }) }),
    );
  });

  it("uses whichever side is valid and warns about an invalid one", () => {
    expect(mergeRunRecords({ kind: "absent" }, weekly).run).toEqual(weekly);
    expect(mergeRunRecords(nightly, { kind: "absent" }).run).toEqual(nightly);
    const bad = loadRunRecord("{");
    const a = mergeRunRecords(bad, weekly);
    expect(a.run).toEqual(weekly);
    expect(a.warnings).toEqual(["sync-run.json ignored: not valid JSON"]);
    const b = mergeRunRecords(nightly, bad);
    expect(b.run).toEqual(nightly);
    expect(b.warnings).toEqual(["previously published sync-run.json ignored: not valid JSON"]);
  });
});
