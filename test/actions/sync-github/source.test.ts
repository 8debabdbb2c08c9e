import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAll } from "#core/csv.ts";
import { getSchema } from "#core/schema.ts";
import type { GitHubSim } from "../../../sim/github/types.ts";
import { FIXTURE_NOW, FIXTURE_ORG } from "../../harness/sim-github/fixture.ts";
import { COPILOT_TOKEN, GITHUB_TOKEN, startFixtureSim } from "../../harness/sim-github/testkit.ts";
import { runGitHubDatasets, testContext, writeTrackedUsers } from "../../harness/sync-github.ts";

let sim: GitHubSim;
let dataDir: string;

const env = () => ({
  GITHUB_API_URL: sim.url,
  GITHUB_TOKEN,
  COPILOT_TOKEN,
  GITHUB_ORG: FIXTURE_ORG,
  GITHUB_RATE_RESERVE: "10",
});

async function syncAll(extraEnv: Record<string, string> = {}) {
  const results = await runGitHubDatasets(testContext(dataDir, FIXTURE_NOW, { ...env(), ...extraEnv }));
  return Object.fromEntries(
    Object.entries(results).map(([name, r]) => [
      name,
      `${r.status}${r.status === "failed" || r.status === "refused" ? `: ${r.message}` : ""}`,
    ]),
  );
}

beforeAll(async () => {
  sim = await startFixtureSim();
  dataDir = mkdtempSync(join(tmpdir(), "ace-gh-sync-"));
  await writeTrackedUsers(dataDir, ["alice", "bob", "carol"], "a");
});

afterAll(async () => {
  await sim.close();
});

describe("GitHub source against the simulator", () => {
  it("syncs every GitHub dataset from empty", async () => {
    expect(await syncAll()).toEqual({
      copilot_daily: "ok",
      copilot_languages: "ok",
      skills_courses: "ok",
      skills_enrollments: "ok",
      github_activity: "ok",
    });
    const activity = await readAll(dataDir, getSchema("github_activity"));
    expect(new Set(activity.map((r) => r.github_login))).toEqual(new Set(["alice", "bob"]));
    const enroll = await readAll(dataDir, getSchema("skills_enrollments"));
    expect(enroll.filter((r) => r.method === "fork").length).toBeGreaterThan(0);
    expect(enroll.filter((r) => r.method === "template").length).toBeGreaterThan(0);
  });

  it("an immediate second sync makes zero non-304 requests to events, forks and repo endpoints", async () => {
    const before = sim.requests.length;
    expect(Object.values(await syncAll()).every((s) => s === "unchanged")).toBe(true);
    const later = sim.requests.slice(before);
    const costly = later.filter((r) => /github:(events|forks|repo)$/.test(r.route) && !r.was304);
    expect(costly.map((r) => `${r.route} ${r.path} ${r.status}`)).toEqual([]);
  });
});
