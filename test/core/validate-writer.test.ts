/**
 * The writer's own validation (core/csv-write.ts applies core/validate.ts's CellChecks to every row as it formats it):
 * a staged dataset says `checked` exactly when reading its files back with the validator finds no problem, so the sync
 * may skip that second read without accepting anything the validator refuses.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stageDataset } from "#core/csv-write.ts";
import { parseCell, type Row } from "#core/format.ts";
import type { DatasetSchema } from "#core/schema.ts";
import { CellChecks, validateFile } from "#core/validate.ts";
import { validateStaged } from "../../actions/sync-core/src/guards.ts";
import { rng } from "../harness/rng.ts";
import { testSchema } from "../harness/schema.ts";

const schema: DatasetSchema = testSchema({
  name: "checked_things",
  primaryKey: ["id", "n"],
  partitioning: { field: "day", maxFileBytes: 1_000_000 },
  fields: [
    { name: "id", type: "string", description: "key", constraints: { required: true, pattern: "[a-z]-[0-9]+" } },
    { name: "n", type: "integer", description: "key 2", constraints: { required: true, minimum: 0, maximum: 9 } },
    { name: "kind", type: "string", description: "enum", constraints: { required: false, enum: ["a", "b,c"] } },
    { name: "text", type: "string", description: "free text", constraints: { required: false, maxLength: 6 } },
    { name: "x", type: "number", description: "number", constraints: { required: false, minimum: -1 } },
    { name: "flag", type: "boolean", description: "bool", constraints: { required: true } },
    { name: "day", type: "date", description: "date", constraints: { required: true } },
    { name: "at", type: "datetime", description: "datetime", constraints: { required: false } },
  ],
});

/** Rows that format (the writer accepts their types) but may break a rule the validator checks. */
function rowsOf(seed: number, count: number, badRate: number): Row[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const bad = () => r() < badRate;
  const out: Row[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      id: bad() ? pick(["A-1", "", "a-", "a-1\n"]) : `${pick(["a", "b", "z"])}-${i}`,
      n: bad() ? pick([10, -1, null]) : i % 10,
      kind: bad() ? pick(["c", "A", "b"]) : pick(["a", "b,c", null]),
      text: bad() ? pick(["seven!!", "\n\n\n\n\n\n\n"]) : pick(["", 'q"', "x,y", "a\nb", "c\r\nd", "é€", null]),
      x: bad() ? -2 : pick([0, 1.5, -1, 1e21, 5e-7, null]),
      flag: bad() ? null : pick([true, false]),
      day: bad() ? pick(["2025-02-30", "2024-13-01", "2023-00-10"]) : pick(["2021-07-01", "2024-02-29", "2025-06-30"]),
      at: bad()
        ? pick(["2025-01-01T24:00:00Z", "2025-02-29T10:00:00Z", "2025-01-01T10:60:00Z"])
        : pick([null, "2025-01-01T23:59:59Z", "2024-02-29T00:00:00Z"]),
    });
  }
  return out;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The problems of reading the staged files back, as validateStaged reported them before the writer checked rows. */
async function readBack(staged: Awaited<ReturnType<typeof stageDataset>>): Promise<string[]> {
  const out: string[] = [];
  for (const [final, tmp] of staged.files) {
    const r = await validateFile(tmp, schema, staged.partitioned ? basename(final, ".csv") : undefined, 50);
    // a partition is named with its dataset (sync-core's validateStaged): `checked_things/FY22.csv:13:6: …`
    const file = staged.partitioned ? `${schema.name}/${basename(final)}` : basename(final);
    out.push(...r.problems.map((p) => `${file}:${p.line}:${p.column}: ${p.reason}`));
  }
  return out;
}

describe("the writer's validation of the rows it formats", () => {
  it("is `checked` exactly when the files read back without a problem (200 random datasets)", async () => {
    let clean = 0;
    let unclean = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const dir = mkdtempSync(join(tmpdir(), "ace-checked-"));
      dirs.push(dir);
      const r = rng(seed * 7919);
      const rows = rowsOf(seed, 1 + Math.floor(r() * 60), seed % 4 === 0 ? 0 : 0.02);
      const opts = {
        ...(seed % 3 === 0 ? { chunkRows: 7 } : {}),
        ...(seed % 2 === 0 ? { maxFileBytes: 200 } : {}),
      };
      let staged: Awaited<ReturnType<typeof stageDataset>>;
      try {
        staged = await stageDataset(dir, schema, rows, opts);
      } catch {
        continue; // a duplicate key: the writer refuses the rows before any validation
      }
      const problems = await readBack(staged);
      expect({ seed, checked: staged.checked }).toEqual({ seed, checked: problems.length === 0 });
      // the core: a checked dataset is not read again; any other is, with the same messages as before
      const reported = await validateStaged(schema, staged, 50);
      expect(reported).toEqual(staged.checked ? [] : problems);
      if (staged.checked) clean++;
      else unclean++;
      staged.discard();
    }
    expect(clean).toBeGreaterThan(20);
    expect(unclean).toBeGreaterThan(20);
  });

  it("gives each cell the reason and verdict of parseCell + the constraints, datetimes on every edge", () => {
    const checks = new CellChecks(schema);
    const at = schema.fields.findIndex((f) => f.name === "at");
    const day = schema.fields.findIndex((f) => f.name === "day");
    let seen = 0;
    for (const y of ["0000", "1900", "2000", "2024", "2025", "9999"]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const date = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          expect(checks.reason(day, date) === undefined).toBe(parseCell("date", date).ok);
          for (const t of ["00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60", "99:99:99", "12:34:56"]) {
            const v = `${date}T${t}Z`;
            expect(checks.reason(at, v) === undefined).toBe(parseCell("datetime", v).ok);
            seen++;
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(9000);
    expect(checks.reason(at, "2025-01-01T10:00:00.5Z")).toBe("at: not a canonical datetime");
    expect(checks.reason(1, "07")).toBe("n: not a canonical integer");
    expect(checks.reason(1, "10")).toBe("n: above the maximum 9");
    expect(checks.reason(4, "1.50")).toBe("x: not a canonical number");
    expect(checks.reason(2, "c")).toBe("kind: not one of a, b,c");
    expect(checks.reason(0, "A-1")).toBe("id: does not match [a-z]-[0-9]+");
    expect(checks.reason(3, "seven!!")).toBe("text: longer than 6 characters (7)");
    expect(checks.reason(5, "")).toBe("flag is required");
  });
});
