// The diff's status table counts the head's run record: a dataset the run checked unchanged is fresh.
import { afterAll, describe, expect, it } from "vitest";
import { diffSources } from "../../../actions/data-diff/src/report.ts";
import { dirSource } from "../../../actions/data-diff/src/source.ts";
import { put, putSchema, removeTempDirs, tempDir } from "../../harness/data-diff.ts";

afterAll(removeTempDirs);

const T1 = "2026-11-24T02:00:00Z";
const T2 = "2026-12-24T02:00:00Z";
const entry = {
  status: "ok",
  last_success_at: T1,
  last_changed_at: T1,
  sha256: null,
  rows: 1,
  sources: [],
  progress: null,
  not_ready_days: [],
  error: null,
};

async function statusAt(run: unknown) {
  const base = tempDir("base");
  const head = tempDir("head");
  for (const d of [base, head]) putSchema(d, "skills_courses");
  put(head, "sync_status.json", JSON.stringify({ version: 1, datasets: { skills_courses: entry } }));
  if (run !== undefined) put(head, "sync-run.json", typeof run === "string" ? run : JSON.stringify(run));
  const report = await diffSources(dirSource(base), dirSource(head), { now: new Date(T2) });
  return report.status;
}

describe("diff freshness", () => {
  it("is stale 30 days after the last change without a run record, fresh with one that checked it", async () => {
    expect(await statusAt(undefined)).toEqual([
      expect.objectContaining({ dataset: "skills_courses", lastSuccessAt: T1, freshness: "stale" }),
    ]);
    const run = { version: 1, clock: T2, datasets: { skills_courses: { status: "unchanged", checked_at: T2 } } };
    expect(await statusAt(run)).toEqual([
      expect.objectContaining({ dataset: "skills_courses", lastSuccessAt: T2, freshness: "fresh" }),
    ]);
  });

  it("ignores an invalid run record", async () => {
    expect(await statusAt("{oops")).toEqual([expect.objectContaining({ freshness: "stale" })]);
  });
});
