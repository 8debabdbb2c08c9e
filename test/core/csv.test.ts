import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAll, readRawRecords, stageDataset, writeDataset } from "#core/csv.ts";
import type { Row } from "#core/format.ts";
import { parseDatasetSchema } from "#core/schema.ts";
import { validateDataset } from "#core/validate.ts";
import { testSchema } from "../harness/schema.ts";

const schema = testSchema({
  name: "things",
  primaryKey: ["id", "day"],
  partitioning: { field: "fiscal_year", maxFileBytes: 50_000_000 },
  fields: [
    { name: "id", type: "string", description: "id of it", constraints: { required: true } },
    { name: "day", type: "date", description: "the day", constraints: { required: true } },
    { name: "fiscal_year", type: "string", description: "fiscal yr", constraints: { required: true } },
    { name: "n", type: "integer", description: "a count", constraints: { required: false } },
    { name: "x", type: "number", description: "a real", constraints: { required: false } },
    { name: "ok", type: "boolean", description: "a flag", constraints: { required: false } },
    { name: "note", type: "string", description: "free text", constraints: { required: false } },
  ],
});

const tmp = () => mkdtempSync(join(tmpdir(), "ace-csv-"));

function rows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `k${(i * 7919) % n}`,
    day: `2026-0${(i % 9) + 1}-1${i % 10}`,
    fiscal_year: i % 3 === 0 ? "FY25" : "FY26",
    n: i % 5 === 0 ? null : i,
    x: i / 8,
    ok: i % 2 === 0,
    note: i % 4 === 0 ? `quote "me", and\nnewline ${i}` : null,
  }));
}

describe("deterministic CSV writer", () => {
  it("writes byte-identical files for the same rows in any order", async () => {
    const base = rows(500);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }),
        fc.integer({ min: 1, max: 600 }),
        async (shuffled, chunkRows) => {
          const a = tmp();
          const b = tmp();
          const sa = await writeDataset(a, schema, base, { chunkRows: 1000 });
          const sb = await writeDataset(b, schema, shuffled, { chunkRows });
          expect(sb.sha256).toBe(sa.sha256);
          expect(readFileSync(join(b, "things.csv"))).toEqual(readFileSync(join(a, "things.csv")));
        },
      ),
      { numRuns: 15 },
    );
  });

  it("round-trips values, quotes RFC 4180, uses LF and no BOM", async () => {
    const dir = tmp();
    const input = rows(40);
    await writeDataset(dir, schema, input);
    const text = readFileSync(join(dir, "things.csv"), "utf8");
    expect(text.startsWith("id,day,fiscal_year,n,x,ok,note\n")).toBe(true);
    expect(text).not.toContain("\r");
    expect(text).toContain('"quote ""me"", and\nnewline 0"');
    const back = await readAll(dir, schema);
    expect(back).toHaveLength(40);
    expect(new Set(back.map((r) => `${r.id}|${r.day}`))).toEqual(new Set(input.map((r) => `${r.id}|${r.day}`)));
  });

  it("rejects duplicate primary keys and leaves no temporary files", async () => {
    const dir = tmp();
    const r = rows(3);
    const first = r[0];
    if (!first) throw new Error("no rows");
    await expect(stageDataset(dir, schema, [...r, { ...first }])).rejects.toThrow(/duplicate primary key/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("stages without touching the committed file until commit", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "things.csv"), "old\n");
    const s = await stageDataset(dir, schema, rows(5));
    expect(readFileSync(join(dir, "things.csv"), "utf8")).toBe("old\n");
    s.discard();
    expect(readdirSync(dir)).toEqual(["things.csv"]);
    (await stageDataset(dir, schema, rows(5))).commit();
    expect(readFileSync(join(dir, "things.csv"), "utf8")).not.toBe("old\n");
  });

  it("partitions by fiscal year above the size threshold and reads partitions back as one dataset", async () => {
    const dir = tmp();
    const s = await writeDataset(dir, schema, rows(300), { maxFileBytes: 1000 });
    expect(s.partitioned).toBe(true);
    expect(readdirSync(join(dir, "things")).sort()).toEqual(["FY25.csv", "FY26.csv"]);
    expect(await readAll(dir, schema)).toHaveLength(300);
    await writeDataset(dir, schema, rows(10));
    expect(readdirSync(dir)).toEqual(["things.csv"]);
  });

  it("partitions by the fiscal year of a date field (product_usage, learning_activity at scale M)", async () => {
    const dir = tmp();
    const byDate = parseDatasetSchema({
      ...JSON.parse(JSON.stringify(schema)),
      partitioning: { field: "day", maxFileBytes: 1000 },
    });
    const s = await writeDataset(dir, byDate, rows(300));
    expect(s.partitioned).toBe(true);
    expect(readdirSync(join(dir, "things")).sort()).toEqual(["FY26.csv", "FY27.csv"]);
    const { problems } = await validateDataset(dir, byDate);
    expect(problems).toEqual([]);
  });
});

describe("deterministic CSV writer: sorted runs", () => {
  const text = (i: number) =>
    i % 5 === 0 ? `naïve "q", 💡 ${i}\r\nx` : i % 7 === 0 ? `line\nbreak ${i}` : i % 11 === 0 ? "" : `t${i}`;
  const many = (n: number): Row[] =>
    rows(n).map((r, i) => ({ ...r, id: `${text(i)}-${(i * 7919) % n}`, note: i % 3 === 0 ? text(i + 1) : null }));

  it("writes the same bytes through the external merge sort as in memory, partitioned or not", async () => {
    const base = many(700);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(50_000_000, 2_000),
        async (shuffled, chunkRows, maxFileBytes) => {
          const a = tmp();
          const b = tmp();
          const sa = await writeDataset(a, schema, base, { chunkRows: 10_000, maxFileBytes });
          const sb = await writeDataset(b, schema, shuffled, { chunkRows, maxFileBytes });
          expect([sb.sha256, sb.rows, sb.bytes, sb.partitioned]).toEqual([
            sa.sha256,
            sa.rows,
            sa.bytes,
            sa.partitioned,
          ]);
          const files = (d: string) =>
            sa.partitioned
              ? readdirSync(join(d, "things"))
                  .sort()
                  .map((f) => join(d, "things", f))
              : [join(d, "things.csv")];
          expect(files(b).map((f) => readFileSync(f))).toEqual(files(a).map((f) => readFileSync(f)));
          expect(readdirSync(b).filter((f) => f.startsWith("."))).toEqual([]);
        },
      ),
      { numRuns: 12 },
    );
    const dir = tmp();
    await writeDataset(dir, schema, base, { chunkRows: 50 });
    const back = await readAll(dir, schema);
    expect(back).toHaveLength(base.length);
    expect(new Set(back.map((r) => r.note))).toEqual(new Set(base.map((r) => r.note || null)));
  });

  it("finds a duplicate key across runs and leaves no temporary files", async () => {
    const dir = tmp();
    const r = many(120);
    const dup = r[100];
    if (!dup) throw new Error("no rows");
    await expect(stageDataset(dir, schema, [{ ...dup }, ...r], { chunkRows: 30 })).rejects.toThrow(
      "things: duplicate primary key (id, day): two rows of this sync's output share a key (both for things.csv); nothing was written",
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("names the month files a duplicate key belongs in, never a value or a line of a file not written", async () => {
    const monthly = parseDatasetSchema({
      ...JSON.parse(JSON.stringify(schema)),
      name: "visits",
      path: "visits.csv",
      primaryKey: ["id"],
      partitioning: { field: "day", period: "month" },
    });
    const r = many(120).map((row, i) => ({ ...row, id: `v${i}` }));
    for (const chunkRows of [30, 1000]) {
      const dir = tmp();
      const twin = { ...r[7], id: "v99", day: "2026-04-02" };
      const err = await stageDataset(dir, monthly, [...r, twin], { chunkRows }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      // r[99] is of 2026-01-19
      expect(err?.message).toBe(
        "visits: duplicate primary key (id): two rows of this sync's output share a key (for visits/2026-01.csv and visits/2026-04.csv); nothing was written",
      );
      expect(err?.message).not.toMatch(/v99|:\d+:/);
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});

describe("month partitions of a datetime field", () => {
  const events = testSchema({
    name: "events",
    primaryKey: ["id"],
    partitioning: { field: "at", period: "month" },
    fields: [
      { name: "id", type: "string", description: "id of it", constraints: { required: true } },
      { name: "at", type: "datetime", description: "when", constraints: { required: true } },
    ],
  });
  // 600 rows, every one at a distinct second, over three months (the writer names files by a cell's day)
  const stamps = Array.from({ length: 600 }, (_, i) => {
    const t = Date.UTC(2026, i % 3, 1 + (i % 28), i % 24, i % 60, (i * 7) % 60);
    return { id: `e${String(i).padStart(4, "0")}`, at: `${new Date(t).toISOString().slice(0, 19)}Z` };
  });

  it("puts every row in its month's file, in memory and through the merge, and the files validate", async () => {
    const shas = new Set<string>();
    for (const chunkRows of [50, 10_000]) {
      const dir = tmp();
      const s = await writeDataset(dir, events, [...stamps].reverse(), { chunkRows });
      expect(s.partitioned).toBe(true);
      expect(s.checked).toBe(true);
      expect(readdirSync(join(dir, "events")).sort()).toEqual(["2026-01.csv", "2026-02.csv", "2026-03.csv"]);
      for (const m of ["01", "02", "03"]) {
        const lines = readFileSync(join(dir, "events", `2026-${m}.csv`), "utf8")
          .trim()
          .split("\n")
          .slice(1);
        expect(lines).toHaveLength(200);
        for (const l of lines) expect(l.split(",")[1]?.slice(0, 7)).toBe(`2026-${m}`);
      }
      expect((await validateDataset(dir, events)).problems).toEqual([]);
      shas.add(s.sha256);
    }
    expect(shas.size).toBe(1);
  });
});

describe("CSV syntax errors", () => {
  async function errorOf(text: string): Promise<string> {
    const file = join(tmp(), "bad.csv");
    writeFileSync(file, text);
    try {
      for await (const _ of readRawRecords(file)) {
        // consume
      }
    } catch (err) {
      return (err as Error).message.replace(`${file}:`, "");
    }
    return "no error";
  }
  // 3,000 good lines (> one 64 KiB read chunk), some with quoted multi-line fields when `quoted`
  const good = (quoted: boolean) =>
    Array.from({ length: 3000 }, (_, i) =>
      quoted && i % 100 === 0 ? `${i + 10},"a ""b"", and\nc",${i}\n` : `${i + 10},plain text ${i},${i}\n`,
    ).join("");
  const fix = 'close the quote or escape inner quotes as ""';

  it("names the line and column where an unterminated quoted field opens, not the end of the file", async () => {
    const text = `id,note,n\n1,ok,1\n2,x,"never closed\n${good(false)}`;
    expect(await errorOf(text)).toBe(
      `3:3: CSV syntax error: unterminated quoted field starting at line 3, column 3 (still open where parsing stopped, line 3003): ${fix}`,
    );
  });

  it("names where the quote opens when a later quoted field makes the parser give up", async () => {
    const text = `id,note,n\n1,ok,1\n2,"a\nb",3\n4,"never closed,5\n${good(true)}`;
    expect(await errorOf(text)).toMatch(
      /^5:2: CSV syntax error: quoted field starting at line 5, column 2 is not closed properly \(parsing stopped at line 6: Invalid Closing Quote: .*\): close the quote or escape inner quotes as ""$/s,
    );
  });

  it("keeps the parser's own position for other quoting errors", async () => {
    expect(await errorOf('id,note\n1,ok\n2,a"b\n')).toMatch(/^3:1: CSV syntax error: Invalid Opening Quote/);
    expect(await errorOf('id,note\n1,"ok"x\n')).toMatch(/^2:1: CSV syntax error: Invalid Closing Quote/);
  });
});
