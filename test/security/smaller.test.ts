/**
 * Security suite, the smaller attacks: CSV formula injection in public downloads, the demo's published pseudonym key
 * outside the demo, a killed sync's lock (committed, or taken over), a push racing the data branch (the lease).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_API_TOKEN, isDemoUpstream } from "#core/demo.ts";
import { acquireSyncLock, LOCK_FILE } from "#core/lock.ts";
import { DEMO_PSEUDONYM_KEY, pseudonymKeyFromEnv } from "#core/pseudonym.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { spreadsheetSafe } from "#core/spreadsheet.ts";
import { commitAndPush, Git, prepareBranch } from "../../actions/open-data-pr/src/git.ts";
import { DEMO_API_TOKEN as SIM_DEMO_TOKEN } from "../../sim/start.ts";
import { rowsToCsv } from "../../site/_lib/chart.ts";
import { buildWorkerAssets } from "../../worker/build/assets.ts";
import { git, tempDir as gitTemp, put, removeTempDirs as removeGitDirs } from "../harness/data-diff.ts";
import { dataCopy, HOSTILE, removeTempDirs, tempDir } from "./hostile.ts";

afterAll(() => {
  removeTempDirs();
  removeGitDirs();
});

describe("smaller attacks", () => {
  it("attack: CSV formula injection in the chart downloads (=, +, -, @, tab, CR) — neutralized", () => {
    const cells = [HOSTILE.formula, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
    const columns = [
      { key: "label", label: "Label" },
      { key: "n", label: "N" },
    ];
    const csv = rowsToCsv(
      columns,
      cells.map((label, i) => ({ label, n: -i })),
    );
    const rows = csv.split("\n").slice(1, -1);
    expect(rows).toHaveLength(cells.length);
    for (const r of rows) expect(r.replace(/^"/, "")).toMatch(/^'/);
    expect(rows[2]).toMatch(/,-2$/); // numbers stay numbers
    expect(spreadsheetSafe("Course 1")).toBe("Course 1");
  });

  it("attack: an e-mail slipped into a published aggregate — the worker's asset guard refuses, naming no value", async () => {
    const data = dataCopy();
    const file = join(data, "aggregated", "kpis.json");
    const kpis = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...kpis, note: `contact ${HOSTILE.email}` }));
    const err = await buildWorkerAssets(data, tempDir("assets"), new Date("2026-11-24T02:00:00Z")).catch(
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/privacy guard: .*\n.*aggregated\/kpis\.json: e-mail at offset \d+/s);
    expect((err as Error).message).not.toContain(HOSTILE.email);
  });

  it("attack: the published demo pseudonym key against the real clusters — refused", () => {
    const real = { PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY, KUSTO_CSE_URL: "https://cse-analytics.kusto.windows.net" };
    expect(() => pseudonymKeyFromEnv(real)).toThrow(/demo key/);
    expect(() => pseudonymKeyFromEnv({ PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY })).toThrow(/demo key/);
    const demo = { PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY, KUSTO_CSE_URL: "http://127.0.0.1:8080" };
    expect(pseudonymKeyFromEnv(demo)).toBe(DEMO_PSEUDONYM_KEY);
    // a loopback look-alike is not loopback; the worker's demo token is the simulator's
    expect(isDemoUpstream(["http://127.0.0.1.evil.example", "http://127.0.0.1:1"])).toBe(false);
    expect(SIM_DEMO_TOKEN).toBe(DEMO_API_TOKEN);
  });

  it("attack: a killed sync's data/.sync.lock — git-ignored, and taken over when it came from another host", () => {
    const r = spawnSync("git", ["check-ignore", "-q", "data/.sync.lock"], { cwd: REPO_ROOT });
    expect(r.status).toBe(0);
    const d = tempDir("lock");
    const held = { pid: process.pid, host: `${hostname()}-elsewhere`, started_at: new Date().toISOString() };
    writeFileSync(join(d, LOCK_FILE), JSON.stringify(held));
    acquireSyncLock(d).release();
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
  });

  it("attack: a push to the data branch between prepare and publish — the lease from prepare refuses it", () => {
    const remote = join(gitTemp("lease-remote"), "r.git");
    git(".", "init", "-q", "--bare", "-b", "main", remote);
    const seed = gitTemp("lease-seed");
    git(seed, "clone", "-q", remote, ".");
    git(seed, "checkout", "-q", "-b", "main");
    put(seed, "data/a.csv", "a\n1\n");
    git(seed, "add", "-A");
    git(seed, "commit", "-q", "-m", "seed");
    git(seed, "push", "-q", "origin", "main");
    git(seed, "push", "-q", "origin", "main:refs/heads/data-sync");
    const work = gitTemp("lease-work");
    git(work, "clone", "-q", remote, ".");
    const g = new Git(work);
    prepareBranch(g, { remote: "origin", base: "main", branch: "data-sync", hasOpenPr: false, dataPaths: ["data"] });
    // someone pushes to data-sync after this run prepared it
    git(seed, "checkout", "-q", "-b", "data-sync");
    put(seed, "data/a.csv", "a\n2\n");
    git(seed, "commit", "-q", "-am", "racing push");
    git(seed, "push", "-q", "origin", "data-sync");
    put(work, "data/a.csv", "a\n3\n");
    const o = { remote: "origin", base: "main", branch: "data-sync", paths: ["data"], message: "data: sync" };
    expect(() => commitAndPush(g, o)).toThrow(/stale info|rejected|failed/);
  });
});
