import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StatusEntry } from "#core/status.ts";
import { listedCell, renderMarkdown } from "../../../actions/data-diff/src/render.ts";
import { runDiff } from "../../../actions/data-diff/src/run.ts";
import { EXAM_HEADER, examRecord, fate, writeExamPair } from "../../../actions/data-diff/src/synthetic.ts";
import { csv, git, put, putSchema, removeTempDirs, tempDir } from "../../harness/data-diff.ts";
import { statusEntry } from "../../harness/status.ts";

afterAll(removeTempDirs);

const COURSES = "course,title,is_template,archived,topics,stargazers,forks,created_at";
const course = (c: string, stars: number, title = `Course ${c}`): string =>
  `${c},${title},true,false,actions,${stars},3,2024-01-01T00:00:00Z`;

function pair(): { base: string; head: string } {
  const base = tempDir("base");
  const head = tempDir("head");
  for (const d of [base, head]) putSchema(d, "skills_courses");
  return { base, head };
}

describe("keyed diff of two directories", () => {
  it("reports added, removed and changed rows with the changed columns", async () => {
    const { base, head } = pair();
    put(base, "skills_courses.csv", csv([COURSES, course("a", 1), course("b", 2), course("c", 3), course("e", 5)]));
    put(
      head,
      "skills_courses.csv",
      csv([COURSES, course("a", 1), course("c", 30, '"Say ""hi"", then\nbye"'), course("d", 4), course("e", 5)]),
    );
    const { report } = await runDiff({ dataDir: head, against: base });
    const d = report.datasets.find((x) => x.name === "skills_courses");
    expect(d?.state).toBe("changed");
    expect(d?.rows).toMatchObject({ rowsBase: 4, rowsHead: 4, added: 1, removed: 1, changed: 1 });
    expect(Object.fromEntries(d?.rows.columns ?? [])).toEqual({ stargazers: 1, title: 1 });
    expect(d?.rows.changedSample[0]?.changes).toContainEqual({ column: "stargazers", old: "3", new: "30" });
    expect(d?.rows.addedSample[0]?.key).toBe("course=d");
    expect(d?.rows.removedSample[0]?.key).toBe("course=b");
    const md = renderMarkdown(report);
    expect(md).toContain("`stargazers` | fewer than 5 → 30");
    expect(md).toContain("**+1** added, **−1** removed, **~1** changed");
    expect(report.changed).toBe(true);
  });

  it("reports no change for identical data", async () => {
    const { base, head } = pair();
    for (const d of [base, head]) put(d, "skills_courses.csv", csv([COURSES, course("a", 1)]));
    put(head, "state/etags.json", "{}\n");
    const { report } = await runDiff({ dataDir: head, against: base });
    expect(report.changed).toBe(false);
    expect(report.otherFiles).toEqual(["state/etags.json (new)"]);
    expect(renderMarkdown(report)).toContain("**No data changed.**");
    expect(renderMarkdown(report)).toContain("Other files changed (status and sync state): `state/etags.json (new)`");
  });

  it("reports schema changes and compares rows on the common columns", async () => {
    const { base, head } = pair();
    putSchema(base, "skills_courses", (s) => {
      s.fields = s.fields.filter((f) => f.name !== "forks");
    });
    const dropForks = (r: string): string =>
      r
        .split(",")
        .filter((_, i) => i !== 6)
        .join(",");
    put(base, "skills_courses.csv", csv([dropForks(COURSES), dropForks(course("a", 1)), dropForks(course("b", 2))]));
    put(head, "skills_courses.csv", csv([COURSES, course("a", 1), course("b", 9)]));
    const { report } = await runDiff({ dataDir: head, against: base });
    const d = report.datasets.find((x) => x.name === "skills_courses");
    expect(d?.schemaChanges).toContain("field `forks` added (integer)");
    expect(d?.rows).toMatchObject({ added: 0, removed: 0, changed: 1 });
  });

  it("never prints personal columns or personal keys", async () => {
    const base = tempDir("base");
    const head = tempDir("head");
    for (const d of [base, head]) putSchema(d, "individual_exams");
    const rows = Array.from({ length: 200 }, (_, i) => i);
    put(base, "individual_exams.csv", csv([EXAM_HEADER, ...rows.filter((i) => i !== 5).map((i) => examRecord(i))]));
    // row 7 changes its person (user_id) and score; row 5 is added; row 9 removed
    const swapUser = (r: string): string => r.replace(/^([^,]+),[0-9a-f]{16},/, "$1,00000000deadbeef,");
    put(
      head,
      "individual_exams.csv",
      csv([
        EXAM_HEADER,
        ...rows.filter((i) => i !== 9).map((i) => (i === 7 ? swapUser(examRecord(i, 1)) : examRecord(i))),
      ]),
    );
    const { report } = await runDiff({ dataDir: head, against: base });
    const md = renderMarkdown(report);
    const json = JSON.stringify(report, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v));
    for (const i of [5, 7, 9]) {
      const user = examRecord(i).split(",")[1] ?? "";
      expect(md).not.toContain(user);
      expect(json).not.toContain(user);
    }
    expect(md).not.toContain("deadbeef");
    expect(json).not.toContain("deadbeef");
    // published Markdown about people: counts only, 1–4 as "fewer than 5", no row and no earlier total
    expect(md).toContain(
      "199 rows now: **+fewer than 5** added, **−fewer than 5** removed, **~fewer than 5** changed.",
    );
    expect(md).toContain("Rows about people are counted, never listed (personal columns: `user_id`)");
    expect(md).toContain("| `individual_exams` | 199 now | +fewer than 5 | −fewer than 5 | ~fewer than 5 |");
    expect(md).not.toMatch(/Changed rows|Added rows|Removed rows|•••|199 →|200 →/);
    // the report itself (npm run diff -- --json, local) keeps its samples, personal cells masked
    expect(report.datasets[0]?.rows.changedSample.length).toBe(1);

    const ub = tempDir("base");
    const uh = tempDir("head");
    for (const d of [ub, uh]) putSchema(d, "unified_users");
    const H = "user_id,github_login,first_seen_at,country,region,touched_learning,touched_exams,touched_product";
    put(ub, "unified_users.csv", csv([H, "0123456789abcdef,octo-cat,2024-01-01T00:00:00Z,DE,EMEA,true,false,false"]));
    put(
      uh,
      "unified_users.csv",
      csv([
        H,
        "0123456789abcdef,octo-dog,2024-01-01T00:00:00Z,FR,EMEA,true,true,false",
        "fedcba9876543210,mona,2024-02-01T00:00:00Z,US,AMER,true,false,false",
      ]),
    );
    const u = renderMarkdown((await runDiff({ dataDir: uh, against: ub })).report);
    for (const secret of ["0123456789abcdef", "fedcba9876543210", "octo-cat", "octo-dog", "mona"])
      expect(u).not.toContain(secret);
    expect(u).toContain("2 rows now: **+fewer than 5** added, **−0** removed, **~fewer than 5** changed.");
    expect(u).not.toContain("DE → FR");
    expect(u).not.toContain("•••");
  });

  it("samples a large dataset and counts exactly", async () => {
    const base = tempDir("base");
    const head = tempDir("head");
    const N = 20_000;
    await writeExamPair(join(base, "individual_exams.csv"), join(head, "individual_exams.csv"), N, 0.05);
    const want = { changed: 0, removed: 0, added: 0 };
    for (let i = 0; i < N; i++) {
      const f = fate(i, 0.05);
      if (f !== "same") want[f]++;
    }
    const { report } = await runDiff({ dataDir: head, against: base, datasets: ["individual_exams"], sampleSize: 10 });
    const r = report.datasets[0]?.rows;
    // A changed score may keep `passed`, but the score always moves: every changed row is detected.
    expect(r).toMatchObject(want);
    expect(r?.changedSample.length).toBe(10);
    expect(r?.addedSample.length).toBe(10);
    const md = renderMarkdown(report);
    // about people: the exact counts (all ≥ 5) and no listed row; the samples stay in the report (--json)
    expect(md).toContain(`**~${want.changed.toLocaleString("en-US")}** changed`);
    expect(md).toContain(`**+${want.added.toLocaleString("en-US")}** added`);
    expect(md).not.toContain("Changed rows:");
    expect(md.length).toBeLessThan(20_000);
  });

  it("diffs month partitions by key across their files: a row that moves month is one change", async () => {
    const base = tempDir("base");
    const head = tempDir("head");
    const rows = Array.from({ length: 300 }, (_, i) => i);
    const redate = (r: string): string => r.replaceAll(/20\d\d-\d\d-\d\dT/g, "2030-01-15T");
    const byMonth = (version: (i: number) => number, keep: (i: number) => boolean): Map<string, string[]> => {
      const m = new Map<string, string[]>();
      for (const i of rows.filter(keep)) {
        const r = i === 20 && version(i) > 0 ? redate(examRecord(i)) : examRecord(i, version(i));
        const month = (r.split(",")[5] ?? "").slice(0, 7);
        m.set(month, [...(m.get(month) ?? []), r]);
      }
      return m;
    };
    const baseParts = byMonth(
      () => 0,
      (i) => i !== 3,
    );
    for (const [month, rs] of baseParts) put(base, `individual_exams/${month}.csv`, csv([EXAM_HEADER, ...rs]));
    // row 10 changes its score, row 20 moves to a month of its own (2030-01), 4 is removed, 3 added
    const headParts = byMonth(
      (i) => (i === 10 || i === 20 ? 1 : 0),
      (i) => i !== 4,
    );
    for (const [month, rs] of headParts) put(head, `individual_exams/${month}.csv`, csv([EXAM_HEADER, ...rs]));
    const { report } = await runDiff({ dataDir: head, against: base });
    const d = report.datasets.find((x) => x.name === "individual_exams");
    expect(d?.rows).toMatchObject({ added: 1, removed: 1, changed: 2, rowsBase: 299, rowsHead: 299 });
    const month20 = (examRecord(20).split(",")[5] ?? "").slice(0, 7);
    expect(d?.rows.changedSample.map((c) => c.partition).sort()).toEqual(
      [(examRecord(10).split(",")[5] ?? "").slice(0, 7), `${month20} → 2030-01`].sort(),
    );
    expect(d?.rows.addedSample[0]?.partition).toBe((examRecord(3).split(",")[5] ?? "").slice(0, 7));
    expect(d?.partitionChanges).toContain("partition 2030-01 added");
    const removedMonths = [...baseParts.keys()].filter((m) => !headParts.has(m));
    for (const m of removedMonths) expect(d?.partitionChanges).toContain(`partition ${m} removed`);
    expect(renderMarkdown(report)).not.toContain(`${month20} → 2030-01`);
    expect(renderMarkdown(report)).toContain("partition 2030-01 added");

    // head as one file: only the real changes show
    const single = tempDir("single");
    put(single, "individual_exams.csv", csv([EXAM_HEADER, ...[...headParts.values()].flat().sort()]));
    const r2 = (await runDiff({ dataDir: single, against: base })).report.datasets.find(
      (x) => x.name === "individual_exams",
    );
    expect(r2?.rows).toMatchObject({ added: 1, removed: 1, changed: 2 });
    expect(r2?.partitionChanges).toEqual(["partitions joined into one file"]);
  });

  it("diffs fiscal-year partitions per partition (a schema still partitioned by fiscal year)", async () => {
    const base = tempDir("base");
    const head = tempDir("head");
    const fy = (s: { fields: { name: string }[] }): void => {
      Object.assign(s, { partitioning: { field: "fiscal_year", maxFileBytes: 50_000_000 } });
    };
    for (const d of [base, head]) putSchema(d, "individual_exams", fy);
    const rows = Array.from({ length: 300 }, (_, i) => i);
    const byFy = (version: (i: number) => number, keep: (i: number) => boolean): Map<string, string[]> => {
      const m = new Map<string, string[]>();
      for (const i of rows.filter(keep)) {
        const r = examRecord(i, version(i));
        const year = r.split(",")[4] ?? "";
        m.set(year, [...(m.get(year) ?? []), r]);
      }
      return m;
    };
    for (const [year, rs] of byFy(
      () => 0,
      (i) => i !== 3,
    ))
      put(base, `individual_exams/${year}.csv`, csv([EXAM_HEADER, ...rs]));
    for (const [year, rs] of byFy(
      (i) => (i === 10 ? 1 : 0),
      (i) => i !== 4,
    ))
      put(head, `individual_exams/${year}.csv`, csv([EXAM_HEADER, ...rs]));
    const { report } = await runDiff({ dataDir: head, against: base });
    const d = report.datasets.find((x) => x.name === "individual_exams");
    expect(d?.rows).toMatchObject({ added: 1, removed: 1, changed: 1, rowsBase: 299, rowsHead: 299 });
    expect(d?.rows.changedSample[0]?.partition).toMatch(/^FY\d\d$/);
  });

  it("rejects unsorted input with a clear message", async () => {
    const { base, head } = pair();
    put(base, "skills_courses.csv", csv([COURSES, course("a", 1), course("c", 1)]));
    put(head, "skills_courses.csv", csv([COURSES, course("a", 1), course("d", 1), course("b", 1)]));
    await expect(runDiff({ dataDir: head, against: base })).rejects.toThrow(/not sorted by primary key/);
  });
});

describe("listed cells of datasets not about people", () => {
  it("publish a whole number 1–4 (a count of people, e.g. a Copilot day's cli_users) as fewer than 5", () => {
    expect(["1", "2", "4"].map((c) => listedCell(c))).toEqual(["fewer than 5", "fewer than 5", "fewer than 5"]);
    expect(["0", "5", "12", "3.5", "", "-3", "04"].map((c) => listedCell(c))).toEqual([
      "0",
      "5",
      "12",
      "3.5",
      "∅",
      "-3",
      "04",
    ]);
  });
});

describe("status, aggregates and size", () => {
  it("puts refusals first and shows KPI deltas", async () => {
    const { base, head } = pair();
    for (const d of [base, head]) put(d, "skills_courses.csv", csv([COURSES, course("a", 1)]));
    const entry = (status: StatusEntry["status"], error: string | null) =>
      statusEntry({ status, error, last_success_at: "2026-11-23T02:00:00Z" });
    put(
      head,
      "sync_status.json",
      JSON.stringify({
        version: 1,
        datasets: {
          skills_courses: entry("ok", null),
          individual_exams: entry("refused", "shrank by 40% (limit 20%)"),
        },
      }),
    );
    // the headline of an overview.json: pass rate, certified people, exams completed
    const overview = (x: number, rate: number, certified: number, completed: number) =>
      JSON.stringify({
        generated_from: { x },
        headline: [
          { label: "pass rate GH-200 FY26", value: rate },
          { label: "certified people", value: certified },
          { label: "exams completed", value: completed },
        ],
      });
    put(base, "aggregated/overview.json", overview(1, 0.712, 1552, 589));
    put(head, "aggregated/overview.json", overview(2, 0.719, 1553, 605));
    const { report } = await runDiff({ dataDir: head, against: base, now: new Date("2026-11-24T02:00:00Z") });
    const md = renderMarkdown(report);
    expect(md.indexOf("[!CAUTION]")).toBeLessThan(md.indexOf("Headline figures"));
    expect(md).toContain("**individual_exams**: REFUSED — shrank by 40% (limit 20%)");
    expect(md).toContain("| overview.json | pass rate GH\u2060-200 FY26 | 71.2% → 71.9% |");
    // a count: its value now and its change, 1–4 hidden, never the earlier value (as the Changes page)
    expect(md).toContain("| overview.json | certified people | 1,553 (changed by fewer than 5) |");
    expect(md).toContain("| overview.json | exams completed | 605 (+16) |");
    expect(md).not.toContain("1,552");
    expect(report.changed).toBe(true);
  });

  it("stays under GitHub's body limit by summarizing", async () => {
    const { base, head } = pair();
    const long = "x".repeat(40);
    const many = (v: number): string[] =>
      Array.from({ length: 3000 }, (_, i) => course(`c${String(i).padStart(5, "0")}`, v, `${long}${v}`));
    put(base, "skills_courses.csv", csv([COURSES, ...many(1)]));
    put(head, "skills_courses.csv", csv([COURSES, ...many(2)]));
    const kpis = (v: number) =>
      JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`rate_${i}`, v / 10])));
    put(base, "aggregated/big.json", kpis(1));
    put(head, "aggregated/big.json", kpis(2));
    const { report } = await runDiff({ dataDir: head, against: base, sampleSize: 1000 });
    const md = renderMarkdown(report, undefined, 1000);
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toMatch(/…and 4,9\d\d more figures/);
    const tiny = renderMarkdown(report, 2_000, 1000);
    expect(tiny.length).toBeLessThanOrEqual(2_000);
    expect(tiny).toMatch(/Changed rows: [0-5] of 3,000/);
    const cut = renderMarkdown(report, 500, 1000);
    expect(cut.length).toBeLessThanOrEqual(500);
    expect(cut).toContain("run `npm run diff` locally");
  });
});

describe("git base", () => {
  it("streams the base from a git ref and falls back from origin/main with a note", async () => {
    const repo = tempDir("repo");
    git(repo, "init", "-q", "-b", "main");
    const data = join(repo, "data");
    putSchema(data, "skills_courses");
    put(data, "skills_courses.csv", csv([COURSES, course("a", 1), course("b", 2)]));
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "base");
    put(data, "skills_courses.csv", csv([COURSES, course("a", 1), course("b", 3)]));
    const { report, note } = await runDiff({ dataDir: data });
    expect(note).toMatch(/origin\/main not found; comparing against main/);
    expect(report.base).toBe("git:main");
    expect(report.datasets.find((d) => d.name === "skills_courses")?.rows.changed).toBe(1);
    await expect(runDiff({ dataDir: data, base: "nope" })).rejects.toThrow(/base ref "nope" does not exist/);
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD");
    expect((await runDiff({ dataDir: data })).note).toBeNull();
  });
});
