// The incremental merge into month partitions: a changed row whose partitioning field moved to another month
// (a Pearson registration re-dated upstream) leaves its old month's file and enters the new one; a new row lands in
// its month; months it empties are removed; the result is what a full export of the same rows writes.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAll, stageDataset, writeDataset } from "#core/csv.ts";
import { fiscalYear } from "#core/fiscal.ts";
import type { Row } from "#core/format.ts";
import { DEFAULT_DATA_DIR, getSchema } from "#core/schema.ts";
import { validateDataset } from "#core/validate.ts";
import { INCREMENTAL, mergeByKey } from "../../../actions/sync-kusto/src/incremental.ts";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "ace-merge-month-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const exams = getSchema("individual_exams");
const redate = (r: Row, at: string): Row => ({ ...r, registered_at: at, fiscal_year: fiscalYear(at) });

describe("incremental merge into month partitions", () => {
  it("moves a row whose registered_at changed and files a new row under its month", async () => {
    const all = (await readAll(DEFAULT_DATA_DIR, exams)).filter((r) => r.exam_source === "pearson");
    const oct = all.filter((r) => String(r.registered_at).startsWith("2025-10")).slice(0, 2);
    const nov = all.filter((r) => String(r.registered_at).startsWith("2025-11")).slice(0, 1);
    const [moved, stays] = oct;
    const [fresh] = all.filter((r) => String(r.registered_at).startsWith("2025-12")).slice(0, 1);
    if (moved === undefined || stays === undefined || nov[0] === undefined || fresh === undefined)
      throw new Error("the committed demo data lacks Pearson exams in 2025-10/11/12");
    const dir = tmp();
    await writeDataset(dir, exams, [moved, stays, ...nov]);
    expect(readdirSync(join(dir, "individual_exams")).sort()).toEqual(["2025-10.csv", "2025-11.csv"]);

    const changed = [redate(moved, "2025-09-30T23:00:00Z"), fresh];
    const spec = INCREMENTAL.individual_exams;
    if (spec === undefined) throw new Error("individual_exams merges incrementally");
    const staged = await stageDataset(dir, exams, mergeByKey(dir, exams, changed, spec.combine));
    staged.commit();

    expect(readdirSync(join(dir, "individual_exams")).sort()).toEqual([
      "2025-09.csv",
      "2025-10.csv",
      "2025-11.csv",
      "2025-12.csv",
    ]);
    const ids = (month: string) =>
      readFileSync(join(dir, "individual_exams", `${month}.csv`), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[0]);
    expect(ids("2025-09")).toEqual([moved.exam_id]);
    expect(ids("2025-10")).toEqual([stays.exam_id]);
    expect(ids("2025-12")).toEqual([fresh.exam_id]);
    expect((await validateDataset(dir, exams)).problems).toEqual([]);

    // byte for byte what a full export of the same rows writes
    const full = tmp();
    const again = await writeDataset(full, exams, [redate(moved, "2025-09-30T23:00:00Z"), stays, ...nov, fresh]);
    expect(again.sha256).toBe(staged.sha256);

    // moved back: the September file, now empty, is removed
    const back = await stageDataset(dir, exams, mergeByKey(dir, exams, [moved], spec.combine));
    back.commit();
    expect(readdirSync(join(dir, "individual_exams")).sort()).toEqual(["2025-10.csv", "2025-11.csv", "2025-12.csv"]);
    expect(ids("2025-10")).toEqual([moved.exam_id, stays.exam_id].sort());
  });
});
