/**
 * The Changes page in the attacker's audit: a difference between two syncs that the page shows as "fewer than 5"
 * is still pinned when the site published the figure at both syncs (exposed), not when one of them was suppressed;
 * a shown difference of 5 or more exposes nothing. Read from a real git history the way the site build reads it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exposedCells, newSystem } from "../../actions/aggregate/src/audit/solve.ts";
import { addChanges, type SyncChange, syncChanges } from "./changes.ts";

const root = mkdtempSync(join(tmpdir(), "privacy-changes-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function exposedOf(changes: readonly SyncChange[]): Promise<string[]> {
  const sys = newSystem();
  addChanges(sys, changes);
  return [...(await exposedCells(sys, {})).exposed];
}

const one = (before: number | null, after: number | null, shown: number | null): SyncChange[] => [
  { commit: "c0ffee0000000000", differences: [{ figure: "kpi[certified_people]", before, after, shown }] },
];

describe("the Changes page's differences between syncs", () => {
  it("a hidden difference pinned by the two published snapshots is exposed", async () => {
    expect(await exposedOf(one(100, 103, null))).toEqual(["changes:c0ffee000000:kpi[certified_people].delta"]);
  });

  it("a hidden difference next to a suppressed snapshot, or a shown one of 5 or more, is not", async () => {
    expect(await exposedOf(one(null, 103, null))).toEqual([]);
    expect(await exposedOf(one(100, 110, 10))).toEqual([]);
    expect(await exposedOf(one(100, 100, 0))).toEqual([]);
  });

  it("reads the page's differences and both snapshots from the data directory's git history", async () => {
    const repo = join(root, "repo");
    const data = join(repo, "data");
    mkdirSync(join(data, "aggregated"), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", repo, ...args], {
        env: { ...process.env, GIT_AUTHOR_DATE: "2026-11-20T02:00:00Z", GIT_COMMITTER_DATE: "2026-11-20T02:00:00Z" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    const write = (certified: number, rows: number, sha: string) => {
      const kpi = (id: string, v: number) => ({
        id,
        label: id,
        unit: "people",
        kind: "stock",
        current: { value: v, suppressed: false },
      });
      writeFileSync(
        join(data, "aggregated", "kpis.json"),
        JSON.stringify({ period: { current: "FY27-Q2" }, kpis: [kpi("certified_people", certified)] }),
      );
      writeFileSync(
        join(data, "sync_status.json"),
        JSON.stringify({ datasets: { certified_users: { sha256: sha.repeat(64), rows } } }),
      );
    };
    git("init", "-q");
    git("config", "user.email", "t@example.invalid");
    git("config", "user.name", "t");
    write(100, 400, "a");
    git("add", "data");
    git("commit", "-q", "-m", "sync 1");
    write(103, 420, "b");
    git("add", "data");
    git("commit", "-q", "-m", "sync 2 (#7)");
    const changes = syncChanges(data);
    // newest first; the first sync added the dataset (listed, but without a difference)
    expect(changes.map((c) => c.differences.length)).toEqual([2, 0]);
    expect(changes[0]?.differences).toEqual([
      { figure: "kpi[certified_people]", before: 100, after: 103, shown: null },
      { figure: "rows[certified_users]", before: 400, after: 420, shown: 20 },
    ]);
    const id = `changes:${changes[0]?.commit.slice(0, 12)}:kpi[certified_people].delta`;
    expect(await exposedOf(changes)).toEqual([id]);
  });
});
