/**
 * The aggregate database's load: the fast byte path gives exactly what the general reader (csv-parse) gives, errors
 * name file:line:column, and the simulator reads the data on the first query (single-flight, a failed load retried).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { start } from "../../../sim/kusto/index.ts";
import { type AggregateDatabase, loadAggregateDatabase } from "../../../sim/kusto/kql/aggregate-db.ts";
import { reader } from "../../../sim/kusto/kql/tables.ts";
import { createFixtureUpstream } from "../../harness/sim-kusto/fixture.ts";
import { clientFor, httpError, rejection } from "../../harness/sim-kusto/helpers.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), "aggregate-load-"));
  dirs.push(d);
  return d;
};

const COURSES_HEADER = "course,title,is_template,archived,topics,stargazers,forks,created_at";

/** every table as decoded rows, and the shared dictionary in code order */
function decoded(db: AggregateDatabase): { tables: Record<string, unknown[][]>; dict: readonly string[] } {
  const tables: Record<string, unknown[][]> = {};
  let dict: readonly string[] = [];
  for (const [name, t] of db.tables) {
    const readers = t.table.columns.map(reader);
    tables[name] = Array.from({ length: t.table.length }, (_, i) => readers.map((r) => r(i)));
    for (const c of t.table.columns) if (c.kind === "str") dict = c.dict;
  }
  return { tables, dict };
}

describe("aggregate database: the fast load", () => {
  it("loads the committed data/ exactly as the general reader does (values, dictionary codes and order)", async () => {
    const fast = await loadAggregateDatabase(DEFAULT_DATA_DIR);
    const general = await loadAggregateDatabase(DEFAULT_DATA_DIR, { general: true });
    expect(fast.rows).toBe(general.rows);
    expect(fast.rows).toBeGreaterThan(10_000);
    expect(decoded(fast)).toEqual(decoded(general));
    for (const [name, t] of fast.tables)
      for (const [i, c] of t.table.columns.entries()) {
        const g = general.tables.get(name)?.table.columns[i];
        if (c.kind === "str" && g?.kind === "str") expect([...c.codes]).toEqual([...g.codes]);
      }
  });

  it("takes quoted cells, CRLF files, non-ASCII and invalid UTF-8, -0 and long integers as the general reader does", async () => {
    const dir = tempDir();
    cpSync(join(DEFAULT_DATA_DIR, "individual_exams"), join(dir, "individual_exams"), { recursive: true });
    const parts = readdirSync(join(dir, "individual_exams")).sort();
    // one partition with CRLF line ends (the general reader's path), one without its final newline
    const crlf = join(dir, "individual_exams", parts[1] ?? "");
    writeFileSync(crlf, readFileSync(crlf, "utf8").replaceAll("\n", "\r\n"));
    const noFinalLf = join(dir, "individual_exams", parts[2] ?? "");
    writeFileSync(noFinalLf, readFileSync(noFinalLf, "utf8").trimEnd());
    const rows = [
      COURSES_HEADER,
      `a,"Quoted, with comma",true,false,x;y,1,2,2022-11-08T16:40:00Z`,
      `b,"say ""hi""",false,true,,9007199254740991,-0,2020-02-29T23:59:59Z`,
      `c,"two\nlines",true,true,"z",0,3,`,
      `d,Zürich — 東京 🚀,false,false,,12,-5,1999-12-31T00:00:00Z`,
      `e,"Quoted, with comma",true,false,,1,1,2022-11-08T16:40:00Z`,
      `f,"say ""hi""",true,false,,1,1,2022-11-08T16:40:00Z`,
    ];
    const bytes = Buffer.concat([
      Buffer.from(`${rows.join("\n")}\n`),
      Buffer.from("g,bad "),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(" utf8,true,false,,1,1,\nh,bad "),
      Buffer.from([0xc3]),
      Buffer.from(" utf8,true,false,,1,1,\n"),
    ]);
    writeFileSync(join(dir, "skills_courses.csv"), bytes);
    const fast = await loadAggregateDatabase(dir);
    const general = await loadAggregateDatabase(dir, { general: true });
    expect(decoded(fast)).toEqual(decoded(general));
    const courses = decoded(fast).tables["skills_courses"] ?? [];
    expect(courses.map((r) => r[1])).toEqual([
      "Quoted, with comma",
      'say "hi"',
      "two\nlines",
      "Zürich — 東京 🚀",
      "Quoted, with comma",
      'say "hi"',
      "bad \uFFFD\uFFFD utf8",
      "bad \uFFFD utf8",
    ]);
    expect(courses[1]?.slice(5)).toEqual([9007199254740991, -0, Date.UTC(2020, 1, 29, 23, 59, 59)]);
    expect(courses[2]?.[7]).toBeNull();
    // the two invalid byte forms decode to different strings; a repeated string keeps one code
    const codes = fast.tables.get("skills_courses")?.table.columns[1];
    expect(codes?.kind === "str" ? [codes.codes[0], codes.codes[4], codes.codes[1], codes.codes[5]] : []).toSatisfy(
      (c: unknown[]) => c[0] === c[1] && c[2] === c[3],
    );
    expect(fast.tables.get("individual_exams")?.table.length).toBe(
      general.tables.get("individual_exams")?.table.length,
    );
  });

  it("reports a bad cell, a wrong header and a short row with file:line:column", async () => {
    const dir = tempDir();
    const file = join(dir, "skills_courses.csv");
    writeFileSync(file, `${COURSES_HEADER}\na,"two\nlines",true,false,,1,2,\nb,t,true,false,,01,2,\n`);
    await expect(loadAggregateDatabase(dir)).rejects.toThrow(
      `${file}:4:6: stargazers: not a canonical integer (fix the CSV or its schema in data/schema)`,
    );
    writeFileSync(file, `\uFEFF${COURSES_HEADER}\n`);
    await expect(loadAggregateDatabase(dir)).rejects.toThrow(`${file}:1:1: header \uFEFFcourse,`);
    writeFileSync(file, `${COURSES_HEADER}\na,t,true,false,,1,2,\n\n`);
    await expect(loadAggregateDatabase(dir)).rejects.toThrow(`${file}:3:1: expected 8 columns, found 1`);
    writeFileSync(file, `${COURSES_HEADER}\na,t,maybe,false,,1,2,2022-02-30T00:00:00Z\n`);
    await expect(loadAggregateDatabase(dir)).rejects.toThrow(`${file}:2:3: is_template: not a boolean`);
    writeFileSync(file, `${COURSES_HEADER}\na,t,true,false,,1,2,2022-02-30T00:00:00Z\n`);
    await expect(loadAggregateDatabase(dir)).rejects.toThrow(`${file}:2:8: created_at: not a datetime`);
  });
});

describe("aggregate database: loaded on the first query", () => {
  it("starts without reading the CSVs, answers a load error as a 500 naming the fix, and loads once fixed", async () => {
    const dir = tempDir();
    const file = join(dir, "skills_courses.csv");
    writeFileSync(file, `${COURSES_HEADER}\na,t,yes,false,,1,2,\n`);
    const sim = await start({ world: { kusto: createFixtureUpstream({ rows: 1 }) }, aggregateDataDir: dir });
    try {
      const agg = sim.clusters.agg;
      if (agg === undefined) throw new Error("no aggregate cluster");
      const client = clientFor(agg.url);
      const tables = await client.execute(agg.database, ".show tables");
      expect([...(tables.primaryResults[0]?.rows() ?? [])].length).toBeGreaterThan(5);
      const e = await rejection(client.execute(agg.database, "skills_courses | count"));
      const { status, data } = httpError(e);
      expect(status).toBe(500);
      const message = (data as { error?: { "@message"?: string } }).error?.["@message"];
      expect(message).toBe(
        `${file}:2:3: is_template: not a boolean (true/false) (fix the CSV or its schema in data/schema)`,
      );
      writeFileSync(file, `${COURSES_HEADER}\na,t,true,false,,1,2,\nb,u,false,false,,3,4,\n`);
      const loads = [sim.loadAggregate?.(), sim.loadAggregate?.()];
      expect(loads[0]).toBe(loads[1]);
      const r = await client.execute(agg.database, "skills_courses | count");
      expect([...(r.primaryResults[0]?.rows() ?? [])][0]?.toJSON()).toEqual({ Count: 2 });
      expect((await loads[0])?.rows).toBe(2);
    } finally {
      await sim.close();
    }
  });
});
