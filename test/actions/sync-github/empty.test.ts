/**
 * From EMPTY (only unified_users) against the demo world: what the API can still show equals the corresponding
 * part of the committed goldens — Copilot reports of the API's one-year window, Skills in full, and github_activity
 * for the ISO weeks entirely inside the events API's 30-day window (logins below the 300-event cap exactly; capped
 * logins never above the golden).
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAll } from "#core/csv.ts";
import type { Row } from "#core/format.ts";
import { getSchema, REPO_ROOT } from "#core/schema.ts";
import { isoWeek } from "#core/state.ts";
import { runSync, silentReporter } from "../../../actions/sync-core/src/index.ts";
import { planCopilotDays } from "../../../actions/sync-github/src/copilot.ts";
import { GITHUB_DATASETS, githubSource } from "../../../actions/sync-github/src/source.ts";
import { type Simulators, startSimulators } from "../../../sim/start.ts";

const GOLDEN = join(REPO_ROOT, "data");
let sims: Simulators;
let dataDir: string;
let now: Date;
const key = (r: Row) => JSON.stringify(r);
const keys = (rows: readonly Row[]) => rows.map(key).sort();

beforeAll(async () => {
  sims = await startSimulators();
  now = new Date(sims.env.ACE_NOW ?? "");
  dataDir = mkdtempSync(join(tmpdir(), "ace-gh-empty-"));
  cpSync(join(GOLDEN, "unified_users"), join(dataDir, "unified_users"), { recursive: true });
  const report = await runSync({
    dataDir,
    sources: [githubSource({ timing: "fast" })],
    now,
    env: { ...sims.env, GITHUB_RATE_RESERVE: "10" },
    reporter: silentReporter(),
  });
  expect(report.results.map((r) => `${r.dataset}:${r.status}`)).toEqual(GITHUB_DATASETS.map((n) => `${n}:ok`));
}, 120_000);
afterAll(async () => {
  await sims.close();
});

const both = async (name: string) => ({
  got: await readAll(dataDir, getSchema(name)),
  want: await readAll(GOLDEN, getSchema(name)),
});

describe("GitHub sync from empty against the demo world", () => {
  it("Copilot: every day of the API's one-year window equals the golden", async () => {
    const { windowStart } = planCopilotDays([], now);
    for (const name of ["copilot_daily", "copilot_languages"]) {
      const { got, want } = await both(name);
      const visible = want.filter((r) => String(r.day) >= windowStart);
      expect(visible.length).toBeGreaterThan(0);
      expect(keys(got)).toEqual(keys(visible));
    }
  });

  it("Skills courses and enrollments (forks and template learners) equal the goldens", async () => {
    for (const name of ["skills_courses", "skills_enrollments"]) {
      const { got, want } = await both(name);
      expect(keys(got)).toEqual(keys(want));
    }
  });

  it("activity: weeks inside the 30-day window equal the golden (below the 300-event cap)", async () => {
    const { got, want } = await both("github_activity");
    const firstFullWeek = isoWeek(new Date(now.getTime() - 30 * 86_400_000).toISOString());
    const inWindow = (r: Row) => String(r.week) > firstFullWeek;
    const total = new Map<string, number>();
    for (const r of got) total.set(String(r.github_login), (total.get(String(r.github_login)) ?? 0) + Number(r.events));
    const capped = (r: Row) => (total.get(String(r.github_login)) ?? 0) >= 300;
    const gotIn = got.filter(inWindow);
    const wantIn = want.filter(inWindow);
    expect(wantIn.length).toBeGreaterThan(0);
    expect(keys(gotIn.filter((r) => !capped(r)))).toEqual(keys(wantIn.filter((r) => !capped(r))));
    const golden = new Map(wantIn.map((r) => [`${r.github_login}|${r.week}|${r.event_type}`, Number(r.events)]));
    for (const r of gotIn.filter(capped))
      expect(Number(r.events)).toBeLessThanOrEqual(golden.get(`${r.github_login}|${r.week}|${r.event_type}`) ?? 0);
  });
});
