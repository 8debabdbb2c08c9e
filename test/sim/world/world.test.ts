import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashDataset, readAll } from "#core/csv.ts";
import { normalizePersonKey } from "#core/pseudonym.ts";
import { DEFAULT_DATA_DIR, getSchema } from "#core/schema.ts";
import { activityStateSchema, skillsStateSchema } from "#core/state.ts";
import { validateDataset } from "#core/validate.ts";
import { DATASETS } from "../../../sim/world/goldens.ts";
import { createWorld, DEMO } from "../../../sim/world/index.ts";
import { writeGoldens } from "../../../sim/world/write.ts";

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), "world-test-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function shas(dir: string): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const d of DATASETS) out[d] = await hashDataset(dir, getSchema(d));
  return out;
}

describe("world goldens", () => {
  const small = { seed: 11, people: 300, now: DEMO.now };
  let a = "";
  beforeAll(async () => {
    a = tmp();
    await writeGoldens(createWorld(small), a);
  });

  it("same seed → same sha256 of every golden and identical state", async () => {
    const b = tmp();
    await writeGoldens(createWorld(small), b);
    expect(await shas(b)).toEqual(await shas(a));
    for (const f of ["state/activity.json", "state/skills.json"]) {
      expect(readFileSync(join(b, f), "utf8")).toBe(readFileSync(join(a, f), "utf8"));
    }
  });

  it("different seed → different goldens", async () => {
    const c = tmp();
    await writeGoldens(createWorld({ ...small, seed: 12 }), c);
    const [x, y] = [await shas(a), await shas(c)];
    for (const d of ["unified_users", "individual_exams", "github_activity", "copilot_daily"] as const)
      expect(x[d]).not.toBe(y[d]);
  });

  it("every golden validates against its schema; the state against its zod schema", async () => {
    for (const d of DATASETS) {
      const r = await validateDataset(a, getSchema(d));
      expect(r.problems, d).toEqual([]);
      if (d !== "skills_courses") expect(r.rows, d).toBeGreaterThan(0);
    }
    activityStateSchema.parse(JSON.parse(readFileSync(join(a, "state/activity.json"), "utf8")));
    skillsStateSchema.parse(JSON.parse(readFileSync(join(a, "state/skills.json"), "utf8")));
  });

  it("the committed data/ is exactly the DEMO world", async () => {
    const d = tmp();
    await writeGoldens(createWorld({ seed: DEMO.seed, scale: DEMO.scale, now: DEMO.now }), d);
    expect(await shas(d)).toEqual(await shas(DEFAULT_DATA_DIR));
    for (const f of ["state/activity.json", "state/skills.json"]) {
      expect(readFileSync(join(d, f), "utf8"), f).toBe(readFileSync(join(DEFAULT_DATA_DIR, f), "utf8"));
    }
  });

  it("funnel: each later stage has fewer people, and first dates are in order", async () => {
    const rows = await readAll(a, getSchema("journey_complete"));
    const count = (k: string): number => rows.filter((r) => r[k] !== null).length;
    const stages = [
      "first_registration_on",
      "first_exam_on",
      "first_certification_on",
      "first_product_use_after_cert_on",
    ];
    for (let i = 1; i < stages.length; i++)
      expect(count(stages[i] ?? "")).toBeLessThanOrEqual(count(stages[i - 1] ?? ""));
    expect(count("first_certification_on")).toBeGreaterThan(0);
    for (const r of rows) {
      if (r.first_exam_on !== null) expect(String(r.first_registration_on) <= String(r.first_exam_on)).toBe(true);
      if (r.first_certification_on !== null)
        expect(String(r.first_exam_on) <= String(r.first_certification_on)).toBe(true);
    }
  });

  it("no e-mails or names in data/", async () => {
    for (const d of DATASETS) {
      for (const r of await readAll(a, getSchema(d))) {
        for (const v of Object.values(r)) if (typeof v === "string") expect(v).not.toMatch(/@|example\.com/);
      }
    }
  });
});

describe("world upstream views agree with the goldens", () => {
  const world = createWorld({ seed: 5, people: 400, now: DEMO.now });
  const goldenRows = (d: (typeof DATASETS)[number]) => [...world.goldens.rows(d)];
  const count = (cluster: string, table: string) => [...world.kusto.rows(cluster, table)].length;

  it("exam counts per cluster and results", () => {
    const exams = goldenRows("individual_exams");
    expect(exams.filter((r) => r.exam_source === "legacy").length).toBe(count("gh-analytics", "ExamEligibility"));
    expect(exams.filter((r) => r.exam_source === "pearson").length).toBe(count("cse-analytics", "PearsonExamResults"));
    expect(exams.filter((r) => r.exam_source === "legacy" && r.status === "completed").length).toBe(
      count("gh-analytics", "ExamResults"),
    );
    expect(exams.filter((r) => r.exam_source === "legacy" && r.status !== "eligible").length).toBe(
      count("gh-analytics", "ExamScheduling"),
    );
    expect(goldenRows("product_usage").length).toBe(count("gh-analytics", "ProductUsage"));
    expect(goldenRows("unified_users").length).toBeGreaterThanOrEqual(count("gh-analytics", "Users"));
  });

  it("tables stream in key order; windows and person filters narrow them", () => {
    const pearson = [...world.kusto.rows("cse-analytics", "PearsonExamResults")];
    const ids = pearson.map((r) => String(r[0]));
    expect([...ids].sort()).toEqual(ids);
    const variants = pearson.filter((r) => typeof r[1] === "string" && r[1] !== normalizePersonKey(r[1]));
    expect(variants.length).toBeGreaterThan(0);
    const v = variants[0];
    const email = String(v?.[1]);
    const mine = [
      ...world.kusto.rows("cse-analytics", "PearsonExamResults", {
        person: { kind: "user_key", value: normalizePersonKey(email) },
      }),
    ];
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) expect(normalizePersonKey(String(r[1]))).toBe(normalizePersonKey(email));
    const start = new Date("2026-01-01T00:00:00Z");
    const end = new Date("2026-04-01T00:00:00Z");
    const win = [...world.kusto.rows("cse-analytics", "PearsonExamResults", { start, end })];
    expect(win.length).toBeGreaterThan(0);
    for (const r of win) {
      const t = (r[5] as Date).getTime();
      expect(t >= start.getTime() && t < end.getTime()).toBe(true);
    }
    const users = [...world.kusto.rows("gh-analytics", "Users")].map((r) => String(r[0]));
    expect([...users].sort()).toEqual(users);
    expect(() => [...world.kusto.rows("gh-analytics", "Nope")]).toThrow(/unknown table/);
  });

  it("nothing after now exists", () => {
    const now = world.now.getTime();
    for (const r of world.kusto.rows("gh-analytics", "LearningEvents"))
      expect((r[1] as Date).getTime()).toBeLessThanOrEqual(now);
    for (const login of world.github.logins().slice(0, 20)) {
      const ev = world.github.publicEvents(login);
      expect(ev.length).toBeGreaterThan(0);
      for (let i = 1; i < ev.length; i++) expect(BigInt(ev[i - 1]?.id ?? 0) > BigInt(ev[i]?.id ?? 0)).toBe(true);
      expect(Date.parse(ev[0]?.created_at ?? "")).toBeLessThanOrEqual(now);
    }
    expect(world.github.copilotOrgRecord("2026-11-23")).toBeUndefined();
    expect(world.github.copilotOrgRecord("2025-10-09")).toBeUndefined();
    const day = "2026-11-22";
    expect(world.github.copilotOrgRecord(day)?.day_totals.daily_active_users).toBe(
      world.github.copilotUserRecords(day)?.length,
    );
  });

  it("state matches github_activity: every tracked login, newest event id as of now", () => {
    const state = world.goldens.state().activity;
    const logins = goldenRows("unified_users").flatMap((r) =>
      typeof r.github_login === "string" ? [r.github_login] : [],
    );
    expect(Object.keys(state.logins).sort()).toEqual([...logins].sort());
    for (const login of logins.slice(0, 20))
      expect(state.logins[login]?.newest ?? null).toBe(world.github.publicEvents(login)[0]?.id ?? null);
  });
});
