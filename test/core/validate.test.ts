import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDataset } from "#core/csv.ts";
import type { Row } from "#core/format.ts";
import { getSchema, REPO_ROOT } from "#core/schema.ts";
import { formatProblem, validateDataset } from "#core/validate.ts";

const schema = getSchema("skills_courses");
const rows: Row[] = Array.from({ length: 6 }, (_, i) => ({
  course: `course-${i}`,
  title: i === 2 ? 'Say "hi", world' : `Course ${i}`,
  is_template: i % 2 === 0,
  archived: false,
  topics: "github;skills",
  stargazers: i * 10,
  forks: i,
  created_at: `2024-0${i + 1}-01T00:00:00Z`,
}));

let good: string;
beforeAll(async () => {
  good = mkdtempSync(join(tmpdir(), "ace-validate-"));
  await writeDataset(good, schema, rows);
});

function corrupt(edit: (lines: string[]) => string[] | string): string {
  const dir = mkdtempSync(join(tmpdir(), "ace-validate-bad-"));
  cpSync(good, dir, { recursive: true });
  const file = join(dir, "skills_courses.csv");
  const out = edit(readFileSync(file, "utf8").split("\n"));
  writeFileSync(file, typeof out === "string" ? out : out.join("\n"));
  return dir;
}

async function problemsOf(dir: string): Promise<string[]> {
  return (await validateDataset(dir, schema)).problems.map((p) => formatProblem(p).replace(`${dir}/`, ""));
}

describe("validator", () => {
  it("accepts what the writer wrote", async () => {
    expect(await problemsOf(good)).toEqual([]);
  });

  it("names file:line:column for a wrong type", async () => {
    const dir = corrupt((l) => l.map((x, i) => (i === 3 ? x.replace(",20,", ",twenty,") : x)));
    expect(await problemsOf(dir)).toEqual([
      expect.stringMatching(/^skills_courses\.csv:4:6: stargazers: not a canonical integer/),
    ]);
  });

  it("reports a missing column in the header and in rows", async () => {
    const dir = corrupt((l) => l.map((x) => x.split(",").slice(0, -1).join(",")));
    const p = await problemsOf(dir);
    expect(p[0]).toMatch(/^skills_courses\.csv:1:8: header: expected column "created_at", found nothing/);
    expect(p[1]).toMatch(/^skills_courses\.csv:2:8: expected 8 columns, found 7/);
  });

  it("reports a duplicate primary key", async () => {
    const dir = corrupt((l) => [...l.slice(0, 3), l[2] ?? "", ...l.slice(3)]);
    expect(await problemsOf(dir)).toEqual([
      expect.stringMatching(/^skills_courses\.csv:4:1: duplicate primary key \(course\), first at line 3/),
    ]);
  });

  it("reports unsorted rows", async () => {
    const dir = corrupt((l) => [l[0] ?? "", l[2] ?? "", l[1] ?? "", ...l.slice(3)]);
    expect(await problemsOf(dir)).toEqual([
      expect.stringMatching(/^skills_courses\.csv:3:1: rows not sorted by primary key/),
    ]);
  });

  it("reports bad quoting with its line", async () => {
    const dir = corrupt((l) => l.map((x, i) => (i === 5 ? x.replace("Course 4", 'Cour"se 4') : x)));
    expect((await problemsOf(dir))[0]).toMatch(/^skills_courses\.csv:6:1: .*(quote|Quote)/);
  });

  it("reports an unterminated quote where it opens, not where parsing gave up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ace-validate-quote-"));
    const many = Array.from({ length: 300 }, (_, i) => ({ ...rows[0], course: `course-${i}`, title: `Course ${i}` }));
    await writeDataset(dir, schema, many);
    const file = join(dir, "skills_courses.csv");
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines[2]).toMatch(/^course-1,Course 1,/);
    lines[2] = (lines[2] ?? "").replace(",Course 1,", ',"Course 1,');
    writeFileSync(file, lines.join("\n"));
    expect(await problemsOf(dir)).toEqual([
      'skills_courses.csv:3:2: CSV syntax error: unterminated quoted field starting at line 3, column 2 (still open where parsing stopped, line 301): close the quote or escape inner quotes as ""',
    ]);
  });

  it("checks enum and pattern constraints", async () => {
    const dir = corrupt((l) => l.map((x, i) => (i === 2 ? x.replace("github;skills", "Not A Topic") : x)));
    expect(await problemsOf(dir)).toEqual([expect.stringMatching(/^skills_courses\.csv:3:5: topics: does not match/)]);
  });

  it("npm run validate exits non-zero naming the problem, and 0 on good data", () => {
    const node = process.execPath;
    const ok = spawnSync(node, ["scripts/validate.ts", "--data-dir", good, "--datasets", "skills_courses"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(ok.status).toBe(0);
    const bad = corrupt((l) => l.map((x, i) => (i === 3 ? x.replace(",20,", ",twenty,") : x)));
    const r = spawnSync(node, ["scripts/validate.ts", "--data-dir", bad, "--datasets", "skills_courses"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("skills_courses.csv:4:6: stargazers");
  });
});
