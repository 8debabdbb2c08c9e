import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_NOW, FIXTURE_ORG } from "../../../sim/github/fixture.ts";
import { COPILOT_TOKEN, GITHUB_TOKEN, startFixtureSim } from "../../../sim/github/testkit.ts";
import type { GitHubSim } from "../../../sim/github/types.ts";
import { readAll, writeDataset } from "../../shared/csv.ts";
import { getSchema } from "../../shared/schema.ts";
import { readSyncStatus, writeSyncStatus } from "../../shared/status.ts";
import { runDataset } from "../../sync-core/src/dataset.ts";
import type { SyncContext } from "../../sync-core/src/source.ts";
import { GITHUB_DATASETS, githubSource } from "./source.ts";

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
  const ctx: SyncContext = {
    dataDir,
    now: FIXTURE_NOW,
    env: { ...env(), ...extraEnv },
    log: { info: () => undefined, progress: () => undefined },
  };
  const source = githubSource({ timing: "fast" });
  const out: Record<string, string> = {};
  for (const name of GITHUB_DATASETS) {
    const previous = readSyncStatus(dataDir).datasets[name];
    const r = await runDataset(source, getSchema(name), ctx, previous, {
      dryRun: false,
      allowShrink: false,
      shrinkThreshold: 0.2,
    });
    if (r.entry) writeSyncStatus(dataDir, { [name]: r.entry });
    out[name] = `${r.status}${r.status === "failed" || r.status === "refused" ? `: ${r.message}` : ""}`;
  }
  return out;
}

beforeAll(async () => {
  sim = await startFixtureSim();
  dataDir = mkdtempSync(join(tmpdir(), "ace-gh-sync-"));
  const users = ["alice", "bob", "carol"].map((login, i) => ({
    user_id: `${i}`.padStart(16, "a"),
    github_login: login,
    first_seen_at: "2024-01-01T00:00:00Z",
    country: null,
    region: "UNKNOWN",
    touched_learning: false,
    touched_exams: true,
    touched_product: false,
  }));
  await writeDataset(dataDir, getSchema("unified_users"), users);
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
