// Month partitions (core/files.ts): data/<name>/<YYYY-MM>.csv by the month of the partitioning field, always, each
// file with the header; `unknown.csv` for an empty field; a row whose field changes moves between partitions (the
// month it left loses it, a month left empty is removed); a dataset without rows is its header-only <name>.csv.
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAll, writeDataset } from "#core/csv.ts";
import { datasetFiles, hashDataset, monthOf, partitionOf } from "#core/files.ts";
import type { Row } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";
import { validateDataset } from "#core/validate.ts";
import { testSchema } from "../harness/schema.ts";

const schema = testSchema({
  name: "things",
  primaryKey: ["id"],
  partitioning: { field: "seen_at", period: "month" },
  fields: [
    { name: "id", type: "string", description: "id of it", constraints: { required: true } },
    { name: "seen_at", type: "datetime", description: "first seen", constraints: { required: false } },
    { name: "n", type: "integer", description: "a count", constraints: { required: false } },
  ],
});

const tmp = () => mkdtempSync(join(tmpdir(), "ace-month-"));
const HEADER = "id,seen_at,n\n";

describe("month partitions", () => {
  it("names the month of a date, a datetime and the Monday of an ISO week; unknown for an empty field", () => {
    expect(monthOf("2025-10-31")).toBe("2025-10");
    expect(monthOf("2025-10-31T23:59:59Z")).toBe("2025-10");
    expect(monthOf("2024-W01")).toBe("2024-01"); // Monday 2024-01-01
    expect(monthOf("2026-W01")).toBe("2025-12"); // Monday 2025-12-29
    expect(monthOf("2021-W52")).toBe("2021-12"); // Monday 2021-12-27
    expect(monthOf("2026-W14")).toBe("2026-03"); // Monday 2026-03-30, Sunday in April
    expect(monthOf("soon")).toBeUndefined();
    expect(partitionOf(schema, null)).toBe("unknown");
    expect(partitionOf(schema, "")).toBe("unknown");
    expect(() => partitionOf(schema, "soon")).toThrow(/neither a date, a datetime nor an ISO week/);
    // the committed schemas: the week's Monday for github_activity
    expect(partitionOf(getSchema("github_activity"), "2025-W27")).toBe("2025-06");
    expect(partitionOf(getSchema("individual_exams"), "2025-07-01T00:00:00Z")).toBe("2025-07");
  });

  it("writes every row into its month's file (with the header), empty fields into unknown.csv", async () => {
    const dir = tmp();
    const rows: Row[] = [
      { id: "c", seen_at: "2025-11-03T10:00:00Z", n: 1 },
      { id: "a", seen_at: "2025-10-31T23:59:59Z", n: 2 },
      { id: "b", seen_at: null, n: 3 },
      { id: "d", seen_at: "2025-10-01T00:00:00Z", n: null },
    ];
    const s = await writeDataset(dir, schema, rows);
    expect(s.partitioned).toBe(true);
    expect(readdirSync(dir)).toEqual(["things"]);
    expect(readdirSync(join(dir, "things")).sort()).toEqual(["2025-10.csv", "2025-11.csv", "unknown.csv"]);
    expect(readFileSync(join(dir, "things", "2025-10.csv"), "utf8")).toBe(
      `${HEADER}a,2025-10-31T23:59:59Z,2\nd,2025-10-01T00:00:00Z,\n`,
    );
    expect(readFileSync(join(dir, "things", "unknown.csv"), "utf8")).toBe(`${HEADER}b,,3\n`);
    expect(datasetFiles(dir, schema).files.map((f) => f.slice(dir.length + 1))).toEqual([
      "things/2025-10.csv",
      "things/2025-11.csv",
      "things/unknown.csv",
    ]);
    expect(await hashDataset(dir, schema)).toBe(s.sha256);
    expect((await readAll(dir, schema)).map((r) => r.id).sort()).toEqual(["a", "b", "c", "d"]);
    expect((await validateDataset(dir, schema)).problems).toEqual([]);
  });

  it("moves a row whose field changed: out of its old month (removed once empty), into the new one", async () => {
    const dir = tmp();
    await writeDataset(dir, schema, [
      { id: "a", seen_at: "2025-10-05T00:00:00Z", n: 1 },
      { id: "b", seen_at: "2025-11-05T00:00:00Z", n: 2 },
      { id: "c", seen_at: "2025-11-06T00:00:00Z", n: 3 },
    ]);
    // a late arrival moves first_seen of b back to September, and of a to November
    await writeDataset(dir, schema, [
      { id: "a", seen_at: "2025-11-01T00:00:00Z", n: 1 },
      { id: "b", seen_at: "2025-09-30T00:00:00Z", n: 2 },
      { id: "c", seen_at: "2025-11-06T00:00:00Z", n: 3 },
    ]);
    expect(readdirSync(join(dir, "things")).sort()).toEqual(["2025-09.csv", "2025-11.csv"]);
    expect(readFileSync(join(dir, "things", "2025-09.csv"), "utf8")).toBe(`${HEADER}b,2025-09-30T00:00:00Z,2\n`);
    expect(readFileSync(join(dir, "things", "2025-11.csv"), "utf8")).toBe(
      `${HEADER}a,2025-11-01T00:00:00Z,1\nc,2025-11-06T00:00:00Z,3\n`,
    );
    expect((await validateDataset(dir, schema)).problems).toEqual([]);
  });

  it("keeps a dataset without rows as its header-only single file, and a row in it is a problem", async () => {
    const dir = tmp();
    await writeDataset(dir, schema, [{ id: "a", seen_at: "2025-10-05T00:00:00Z", n: 1 }]);
    const s = await writeDataset(dir, schema, []);
    expect(s.partitioned).toBe(false);
    expect(readdirSync(dir)).toEqual(["things.csv"]);
    expect(readFileSync(join(dir, "things.csv"), "utf8")).toBe(HEADER);
    expect((await validateDataset(dir, schema)).problems).toEqual([]);
    writeFileSync(join(dir, "things.csv"), `${HEADER}a,2025-10-05T00:00:00Z,1\n`);
    const { problems } = await validateDataset(dir, schema);
    expect(problems.map((p) => `${p.line}:${p.column}: ${p.reason}`)).toEqual([
      "2:2: row belongs to partition 2025-10, stored in the single file",
    ]);
  });

  it("refuses a row stored in another month's file", async () => {
    const dir = tmp();
    await writeDataset(dir, schema, [
      { id: "a", seen_at: "2025-10-05T00:00:00Z", n: 1 },
      { id: "b", seen_at: "2025-11-05T00:00:00Z", n: 2 },
    ]);
    renameSync(join(dir, "things", "2025-11.csv"), join(dir, "things", "2025-12.csv"));
    const { problems } = await validateDataset(dir, schema);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file.endsWith("things/2025-12.csv")).toBe(true);
    expect(problems[0]?.reason).toBe("row belongs to partition 2025-11, stored in partition 2025-12");
    expect(existsSync(join(dir, "things.csv"))).toBe(false);
  });
});
