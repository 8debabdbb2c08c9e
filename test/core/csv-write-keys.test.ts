/**
 * The writer sorts a chunk by one string per row (its key cells joined by U+0000) when it can: the files must be the
 * ones the field-by-field comparator of core/compare.ts orders, for keys that are prefixes of each other, empty, or
 * hold U+0000 or a non-string (which fall back to the comparator).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { keyComparator } from "#core/compare.ts";
import { csvLine } from "#core/csv-sink.ts";
import { stageDataset } from "#core/csv-write.ts";
import type { Row } from "#core/format.ts";
import { quoteCsv } from "#core/format.ts";
import type { DatasetSchema } from "#core/schema.ts";
import { testSchema } from "../harness/schema.ts";

const schema: DatasetSchema = testSchema({
  name: "keyed_things",
  primaryKey: ["a", "b", "n"],
  fields: [
    { name: "a", type: "string", description: "key 1", constraints: { required: true } },
    { name: "b", type: "string", description: "key 2", constraints: { required: true } },
    { name: "n", type: "string", description: "key 3", constraints: { required: true } },
    { name: "v", type: "integer", description: "a value", constraints: { required: false } },
  ],
});

const PARTS = ["", "a", "ab", "a\u0001", "b", "B", "é", "a,b", 'q"'];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function rowsOf(seed: number, withNul: boolean): Row[] {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (let i = 0; i < 300; i++) {
    const a = PARTS[Math.floor(next() * PARTS.length)] as string;
    const b = (PARTS[Math.floor(next() * PARTS.length)] as string) + (withNul && i === 17 ? "\u0000" : "");
    const n = String(i % 7);
    const k = JSON.stringify([a, b, n]);
    if (seen.has(k)) continue;
    seen.add(k);
    rows.push({ a, b, n, v: i });
  }
  // shuffle
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as Row, rows[i] as Row];
  }
  return rows;
}

async function bytesOf(rows: Row[], chunkRows: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "ace-keys-"));
  dirs.push(dir);
  const s = await stageDataset(dir, schema, rows, { chunkRows });
  const [tmp] = [...s.files.values()];
  const text = readFileSync(tmp ?? "", "utf8");
  s.discard();
  return text;
}

describe("the writer's string-key sort", () => {
  for (const withNul of [false, true]) {
    it(`orders as compare.ts does${withNul ? " (a key with U+0000: the comparator)" : ""}`, async () => {
      for (let seed = 1; seed <= 10; seed++) {
        const rows = rowsOf(seed, withNul);
        const sorted = [...rows].sort(keyComparator(schema));
        const expected = await bytesOf(sorted, 1_000_000); // already in order: no sort at all
        expect(await bytesOf(rows, 1_000_000)).toBe(expected);
        expect(await bytesOf(rows, 13)).toBe(expected);
      }
    });
  }

  it("takes batches (arrays of rows) from an async source as it takes rows", async () => {
    const rows = rowsOf(3, false);
    const expected = await bytesOf(rows, 50);
    const dir = mkdtempSync(join(tmpdir(), "ace-keys-"));
    dirs.push(dir);
    async function* mixed(): AsyncGenerator<Row | readonly Row[]> {
      yield rows.slice(0, 40);
      yield rows[40] as Row;
      yield [];
      yield rows.slice(41, 200);
      for (const r of rows.slice(200)) yield r;
    }
    const s = await stageDataset(dir, schema, mixed(), { chunkRows: 50 });
    expect(readFileSync([...s.files.values()][0] ?? "", "utf8")).toBe(expected);
    expect(s.rows).toBe(rows.length);
    s.discard();
  });
});

describe("csvLine", () => {
  it("is the quoted cells joined by commas and ended by LF", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom("", ",", '"', "\n", "\r\n", "a,b", 'x"y', "é€"));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), (cells) => {
        let s = "";
        for (let i = 0; i < cells.length; i++) s += (i === 0 ? "" : ",") + quoteCsv(cells[i] ?? "");
        expect(csvLine(cells)).toBe(`${s}\n`);
      }),
      { numRuns: 500 },
    );
  });
});
