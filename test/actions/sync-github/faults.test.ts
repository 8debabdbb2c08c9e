/**
 * GitHub faults against the simulator: after each, committed data is unchanged (or only what completed was written)
 * and the status says what happened.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashDataset } from "#core/files.ts";
import { getSchema } from "#core/schema.ts";
import { readActivityState } from "#core/state.ts";
import { readSyncStatus } from "#core/status.ts";
import { GITHUB_DATASETS } from "../../../actions/sync-github/src/source.ts";
import type { StartOptions } from "../../../sim/github/types.ts";
import { FIXTURE_NOW, FIXTURE_ORG } from "../../harness/sim-github/fixture.ts";
import { COPILOT_TOKEN, GITHUB_TOKEN, startFixtureSim } from "../../harness/sim-github/testkit.ts";
import { runGitHubDatasets, testContext, writeTrackedUsers } from "../../harness/sync-github.ts";

async function syncAll(dataDir: string, faults: StartOptions["faults"], env: Record<string, string> = {}) {
  const sim = await startFixtureSim(faults ? { faults } : {});
  try {
    const results = await runGitHubDatasets(
      testContext(dataDir, FIXTURE_NOW, {
        GITHUB_API_URL: sim.url,
        GITHUB_TOKEN,
        COPILOT_TOKEN,
        GITHUB_ORG: FIXTURE_ORG,
        GITHUB_RATE_RESERVE: "10",
        ...env,
      }),
    );
    return Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.status]));
  } finally {
    await sim.close();
  }
}

async function hashes(dir: string): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const n of GITHUB_DATASETS) out[n] = await hashDataset(dir, getSchema(n));
  return out;
}

let base: string;
let baseHashes: Record<string, string | undefined>;
const copy = () => {
  const d = mkdtempSync(join(tmpdir(), "ace-gh-fault-"));
  cpSync(base, d, { recursive: true });
  return d;
};
const unchangedAll = Object.fromEntries(GITHUB_DATASETS.map((n) => [n, "unchanged"]));

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "ace-gh-base-"));
  await writeTrackedUsers(base, ["alice", "bob", "carol", "ghost"], "b");
  await syncAll(base, undefined);
  baseHashes = await hashes(base);
}, 120_000);

describe("GitHub sync under faults", () => {
  it("records a 404 user (renamed or deleted) without failing", () => {
    expect(readActivityState(base).logins.ghost?.gone).toBe(true);
    expect(readSyncStatus(base).datasets.github_activity?.status).toBe("ok");
  });

  it("401 bad credentials: public datasets fail, data untouched, status says why", async () => {
    const d = copy();
    const r = await syncAll(d, undefined, { GITHUB_TOKEN: "ghp_wrong" });
    expect(r).toMatchObject({
      skills_courses: "failed",
      skills_enrollments: "failed",
      github_activity: "failed",
      copilot_daily: "unchanged",
    });
    expect(await hashes(d)).toEqual(baseHashes);
    expect(readSyncStatus(d).datasets.github_activity?.error).toMatch(/Bad credentials/);
  });

  it("primary limit with a far reset: activity stops, reports partial, saves its cursor, loses nothing", async () => {
    const d = copy();
    const r = await syncAll(
      d,
      { faults: [{ route: "github:events", kind: "status", status: 403, limit: "primary", retryAfter: 3600 }] },
      { GITHUB_TIME_BUDGET_SECONDS: "1" },
    );
    expect(r.github_activity).toBe("partial");
    expect(await hashes(d)).toEqual(baseHashes);
    const st = readSyncStatus(d).datasets.github_activity;
    expect(st?.progress).toMatchObject({ done: 0, total: 4 });
    expect(readActivityState(d).cursor).toBe("alice");
  });

  it("secondary limit with retry-after, 5xx bursts, a 422 cap and an expired link are absorbed", async () => {
    const d = copy();
    const r = await syncAll(d, {
      faults: [
        { route: "github:events", nth: [1], kind: "status", status: 403, limit: "secondary", retryAfter: 1 },
        { route: "github:events", nth: [3], kind: "status", status: 422 },
        { route: "github:forks", nth: [1, 2], kind: "status", status: 502 },
        { route: "github:download", nth: [1], kind: "expired-link" },
      ],
    });
    expect(r).toEqual(unchangedAll);
    expect(await hashes(d)).toEqual(baseHashes);
  });

  it("a malformed NDJSON line fails the Copilot datasets and keeps their files byte-identical", async () => {
    const d = copy();
    const before = readFileSync(join(d, "copilot_daily.csv"));
    const r = await syncAll(d, { faults: [{ route: "github:download", nth: [2], kind: "malformed-ndjson" }] });
    expect(r.copilot_daily).toBe("failed");
    expect(readFileSync(join(d, "copilot_daily.csv"))).toEqual(before);
    expect(readSyncStatus(d).datasets.copilot_daily?.error).toMatch(/line \d+ is not valid JSON/);
  });

  it("every documented Copilot report shape and encoding syncs to the same rows (issue 14)", async () => {
    for (const shape of [
      { shape: "report", encoding: "json", usersEncoding: "ndjson", links: 3 },
      { shape: "flat", encoding: "ndjson", usersEncoding: "json", links: 2 },
      { shape: "legacy", encoding: "ndjson", usersEncoding: "ndjson", links: 1 },
    ]) {
      const d = copy();
      const r = await syncAll(d, { faults: [{ route: "github:copilot-report", kind: "copilot-shape", ...shape }] });
      expect([shape.shape, r.copilot_daily, r.copilot_languages]).toEqual([shape.shape, "unchanged", "unchanged"]);
      expect(await hashes(d)).toEqual(baseHashes);
    }
  });

  it("download_links: [] is not ready: complete days are never downgraded, nothing becomes a number", async () => {
    const d = copy();
    const r = await syncAll(d, { faults: [{ route: "github:copilot-report", kind: "empty-links" }] });
    expect(r.copilot_daily).toBe("unchanged");
    expect(await hashes(d)).toEqual(baseHashes);
  });

  it("search incomplete on every ask: skills_enrollments partial with the course named, recorded rows kept", async () => {
    const d = copy();
    // the base run searched moments ago: mark it stale so this run searches again (shouldSearch)
    const statusFile = join(d, "sync_status.json");
    const status = JSON.parse(readFileSync(statusFile, "utf8")) as {
      datasets: Record<string, { last_success_at: string | null }>;
    };
    const entry = status.datasets.skills_enrollments;
    if (entry) entry.last_success_at = "2020-01-01T00:00:00Z";
    writeFileSync(statusFile, JSON.stringify(status));
    const r = await syncAll(d, { faults: [{ route: "github:search", kind: "incomplete" }] });
    expect(r.skills_enrollments).toBe("partial");
    expect(String(readSyncStatus(d).datasets.skills_enrollments?.progress?.cursor)).toContain("introduction-to-github");
    expect((await hashes(d)).skills_enrollments).toBe(baseHashes.skills_enrollments);
  });

  it("secondary 403 without retry-after whose 60 s fallback exceeds the budget: skills partial, nothing lost", async () => {
    const d = copy();
    const r = await syncAll(
      d,
      { faults: [{ route: "github:forks", kind: "status", status: 403, limit: "secondary", retryAfterHeader: false }] },
      { GITHUB_TIME_BUDGET_SECONDS: "30" },
    );
    expect(r.skills_enrollments).toBe("partial");
    expect(readSyncStatus(d).datasets.skills_enrollments?.progress).toMatchObject({ done: 0 });
    expect(await hashes(d)).toEqual(baseHashes);
  });
});
