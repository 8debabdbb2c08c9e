/**
 * A login that answered 404 (renamed or deleted) costs no request while its last check is younger than
 * GONE_RECHECK_DAYS, and is requested again after (a restored account would come back). The clock is ACE_NOW,
 * read through the shared clock; requests are counted in the simulator's request log.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { now } from "#core/clock.ts";
import { ACTIVITY_STATE_PATH, readActivityState, serializeActivityState } from "#core/state.ts";
import { readSyncStatus } from "#core/status.ts";
import { dueForVisit, GONE_RECHECK_DAYS } from "../../../actions/sync-github/src/activity.ts";
import type { GitHubSim } from "../../../sim/github/types.ts";
import { FIXTURE_NOW } from "../../harness/sim-github/fixture.ts";
import { GITHUB_TOKEN, startFixtureSim } from "../../harness/sim-github/testkit.ts";
import { runGitHubDatasets, testContext, writeTrackedUsers } from "../../harness/sync-github.ts";

let sim: GitHubSim;
let dataDir: string;
const DAY = 86_400_000;
const at = (days: number) => new Date(FIXTURE_NOW.getTime() + days * DAY).toISOString();

/** One github_activity run at ACE_NOW = `aceNow`; returns its status and the events requests it made per login. */
async function syncActivity(aceNow: string) {
  const env = { GITHUB_API_URL: sim.url, GITHUB_TOKEN, GITHUB_RATE_RESERVE: "10", ACE_NOW: aceNow };
  const before = sim.requests.length;
  const r = (await runGitHubDatasets(testContext(dataDir, now(env), env), ["github_activity"])).github_activity;
  const requested = sim.requests
    .slice(before)
    .filter((q) => q.route === "github:events")
    .map((q) => /\/users\/([^/]+)\//.exec(q.path)?.[1] ?? q.path);
  return {
    status: r?.status,
    ghost: requested.filter((l) => l === "ghost").length,
    alice: requested.includes("alice"),
  };
}

const ghost = () => readActivityState(dataDir).logins.ghost;

beforeAll(async () => {
  sim = await startFixtureSim();
  dataDir = mkdtempSync(join(tmpdir(), "ace-gh-gone-"));
  await writeTrackedUsers(dataDir, ["alice", "ghost"], "c");
});
afterAll(async () => {
  await sim.close();
});

describe("gone logins are re-checked only every GONE_RECHECK_DAYS", () => {
  it("records the 404 with the date of the check", async () => {
    expect(GONE_RECHECK_DAYS).toBe(30);
    expect(await syncActivity(at(0))).toEqual({ status: "ok", ghost: 1, alice: true });
    expect(ghost()).toMatchObject({ gone: true, gone_checked_at: "2026-11-24" });
  });

  it("does not request a gone login again within 30 days; the state stays byte-identical", async () => {
    const state = readFileSync(join(dataDir, ACTIVITY_STATE_PATH), "utf8");
    expect(await syncActivity(at(1))).toEqual({ status: "unchanged", ghost: 0, alice: true });
    expect(await syncActivity(at(GONE_RECHECK_DAYS - 0.5))).toEqual({ status: "unchanged", ghost: 0, alice: true });
    expect(readFileSync(join(dataDir, ACTIVITY_STATE_PATH), "utf8")).toBe(state);
    // the login passed over counts as done: the cycle is complete
    expect(readSyncStatus(dataDir).datasets.github_activity?.progress).toEqual({ done: 2, total: 2, cursor: null });
  });

  it("requests it again once the last check is 30 days old, and dates the new check", async () => {
    expect(await syncActivity(at(GONE_RECHECK_DAYS))).toMatchObject({ ghost: 1, alice: true });
    expect(ghost()).toMatchObject({ gone: true, gone_checked_at: "2026-12-24" });
    expect(await syncActivity(at(GONE_RECHECK_DAYS + 1))).toMatchObject({ ghost: 0 });
  });

  it("a state file without the date (written before it existed) loads and checks the login now", async () => {
    const file = join(dataDir, ACTIVITY_STATE_PATH);
    const old = readFileSync(file, "utf8").replace(/\n *"gone_checked_at": "[^"]*",/, "");
    expect(old).not.toContain("gone_checked_at");
    writeFileSync(file, old);
    expect(await syncActivity(at(GONE_RECHECK_DAYS + 2))).toMatchObject({ ghost: 1 });
    expect(ghost()?.gone_checked_at).toBe("2026-12-26");
  });
});

describe("gone state (pure)", () => {
  it("is due when not gone, undated, or checked at least GONE_RECHECK_DAYS ago", () => {
    const t = new Date("2026-12-24T02:00:00Z");
    expect(dueForVisit({ gone: false }, t)).toBe(true);
    expect(dueForVisit({ gone: true }, t)).toBe(true);
    expect(dueForVisit({ gone: true, gone_checked_at: "2026-11-24" }, t)).toBe(true);
    expect(dueForVisit({ gone: true, gone_checked_at: "2026-11-25" }, t)).toBe(false);
    expect(dueForVisit({ gone: true, gone_checked_at: "2026-12-24" }, t)).toBe(false);
    expect(dueForVisit({ gone: true, gone_checked_at: "2026-12-25" }, t)).toBe(true); // dated after now
  });

  it("writes the date only while the login is gone", () => {
    const login = { newest: null, etag: null, weeks: {}, gone_checked_at: "2026-11-24" };
    const text = (gone: boolean) =>
      serializeActivityState({ version: 1, cursor: null, logins: { x: { ...login, gone } } });
    expect(text(true)).toContain('"gone": true,\n   "gone_checked_at": "2026-11-24",\n   "weeks"');
    expect(text(false)).not.toContain("gone_checked_at");
  });
});
