/**
 * The fault matrix: each distinct Kusto and GitHub fault, injected through the simulators' fault plans into a real
 * sync of committed data. Invariants checked after every case, whatever the sync decided:
 * - a dataset reported failed/refused has its committed bytes untouched;
 * - a dataset reported ok/unchanged holds exactly the clean data (no silently wrong data);
 * - the status entry says what happened (status, and an error for failed/refused).
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PSEUDONYM_KEY } from "#core/pseudonym.ts";
import { readSyncStatus } from "#core/status.ts";
import type { DatasetResult } from "../../actions/sync-core/src/dataset.ts";
import { runSync, silentReporter } from "../../actions/sync-core/src/index.ts";
import { GITHUB_DATASETS, githubSource } from "../../actions/sync-github/src/source.ts";
import { kustoSource } from "../../actions/sync-kusto/src/source.ts";
import type { Fault } from "../../sim/faults/plan.ts";
import { start as startGitHub } from "../../sim/github/server.ts";
import { kustoEnv, start as startKusto } from "../../sim/kusto/index.ts";
import { createFixture, FIXTURE_NOW, FIXTURE_ORG } from "../harness/sim-github/fixture.ts";
import { COPILOT_TOKEN, GITHUB_TOKEN } from "../harness/sim-github/testkit.ts";
import { writeTrackedUsers } from "../harness/sync-github.ts";
import { demoWorld, fakeRetry, goldenDir } from "../harness/sync-kusto.ts";
import { type CaseResult, changedBytes, snapshot, swappableInjector } from "./kit.ts";
import { type FaultCase, GITHUB_CASES, KUSTO_CASES } from "./matrix.ts";

/** Checks the invariants for one run's results; `clean` is the data a fault-free run commits. */
export function judge(
  dir: string,
  before: Map<string, Buffer>,
  clean: Map<string, Buffer>,
  results: readonly (Pick<DatasetResult, "dataset" | "status"> & { readonly message?: string })[],
): { bytesChanged: number; wrongStatus: number; outcome: string } {
  const after = snapshot(dir);
  const status = readSyncStatus(dir).datasets;
  let bytesChanged = 0;
  let wrongStatus = 0;
  for (const r of results) {
    const st = status[r.dataset];
    if (r.status === "failed" || r.status === "refused") {
      bytesChanged += changedBytes(before, after, r.dataset);
      if (st?.status !== r.status || !st.error) wrongStatus++;
    } else if (r.status === "ok" || r.status === "unchanged") {
      if (changedBytes(clean, after, r.dataset) !== 0) wrongStatus++;
      // an unchanged rerun may keep the previous "ok" entry (nothing new to record); anything else is wrong
      if (st?.status !== "ok" && st?.status !== "unchanged") wrongStatus++;
    } else if (r.status === "partial" && st?.status !== "partial") wrongStatus++;
  }
  const outcome = results
    .map(
      (r) =>
        `${r.dataset} ${r.status}${r.status === "failed" || r.status === "refused" ? ` (${(r.message ?? "").slice(0, 90)})` : ""}`,
    )
    .join(", ");
  return { bytesChanged, wrongStatus, outcome: `${outcome}${wrongStatus > 0 ? `; ${wrongStatus} wrong status` : ""}` };
}

function copyOf(base: string): string {
  const d = mkdtempSync(join(tmpdir(), "ace-rel-"));
  cpSync(base, d, { recursive: true });
  return d;
}

async function runCase(
  c: FaultCase,
  base: string,
  clean: Map<string, Buffer>,
  run: (dir: string) => Promise<readonly DatasetResult[]>,
  injected: () => number,
): Promise<CaseResult> {
  const dir = copyOf(base);
  try {
    const before = snapshot(dir);
    const results = await run(dir);
    const j = judge(dir, before, clean, results);
    const n = Math.max(injected(), c.env === undefined ? 0 : 1);
    return {
      group: c.group,
      name: c.name,
      imitates: c.imitates,
      injected: n,
      survived: j.bytesChanged === 0 && j.wrongStatus === 0 && n > 0,
      ...j,
    };
  } catch (e) {
    return {
      group: c.group,
      name: c.name,
      imitates: c.imitates,
      injected: Math.max(injected(), 1),
      survived: false,
      bytesChanged: 0,
      wrongStatus: 0,
      outcome: `threw: ${(e as Error).message}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every Kusto case against one simulator (the demo world, scale S) whose fault plan is swapped per case. */
export async function kustoMatrix(cases: readonly FaultCase[] = KUSTO_CASES): Promise<CaseResult[]> {
  const { world, kusto } = demoWorld();
  const injector = swappableInjector();
  const sim = await startKusto({ world: { kusto }, faults: injector });
  const datasets = [...new Set(cases.flatMap((c) => c.datasets))];
  const base = await goldenDir(datasets);
  const clean = snapshot(base);
  const env = {
    PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY,
    ACE_NOW: world.now.toISOString(),
    ...kustoEnv(sim),
    KUSTO_PARTITION_MONTHS: "24",
  };
  const out: CaseResult[] = [];
  try {
    for (const c of cases) {
      injector.set({ seed: 7, faults: c.faults as Fault[] });
      const own = c.limits === undefined ? undefined : await startKusto({ world: { kusto }, limits: c.limits });
      const s = own ?? sim;
      const urls = own === undefined ? {} : { KUSTO_CSE_URL: own.clusters.cse.url, KUSTO_GH_URL: own.clusters.gh.url };
      const mark = s.requests.length;
      out.push(
        await runCase(
          c,
          base,
          clean,
          async (dir) =>
            (
              await runSync({
                dataDir: dir,
                sources: [kustoSource({ retry: fakeRetry(c.budgetMs ?? 120_000).policy })],
                datasets: c.datasets,
                now: world.now,
                env: { ...env, ...urls, ...c.env },
                reporter: silentReporter([]),
              })
            ).results,
          () => s.requests.slice(mark).filter((r) => r.fault !== undefined || r.truncated === true).length,
        ),
      );
      await own?.close();
    }
  } finally {
    await sim.close();
    rmSync(base, { recursive: true, force: true });
  }
  return out;
}

/** Every GitHub case against the GitHub simulator's small fixture world; the clean state is a fault-free sync. */
export async function githubMatrix(cases: readonly FaultCase[] = GITHUB_CASES): Promise<CaseResult[]> {
  const injector = swappableInjector();
  const sim = await startGitHub({ world: createFixture(), validate: false, faults: injector });
  const env = {
    GITHUB_API_URL: sim.url,
    GITHUB_TOKEN,
    COPILOT_TOKEN,
    GITHUB_ORG: FIXTURE_ORG,
    GITHUB_RATE_RESERVE: "10",
  };
  const sync = async (dir: string, extra: Record<string, string> = {}) =>
    (
      await runSync({
        dataDir: dir,
        sources: [githubSource({ timing: "fast" })],
        datasets: [...GITHUB_DATASETS],
        now: FIXTURE_NOW,
        env: { ...env, ...extra },
        reporter: silentReporter([]),
      })
    ).results;
  const base = mkdtempSync(join(tmpdir(), "ace-rel-gh-"));
  const out: CaseResult[] = [];
  try {
    await writeTrackedUsers(base, ["alice", "bob", "carol", "ghost"], "b");
    await sync(base);
    const clean = snapshot(base);
    for (const c of cases) {
      injector.set({ seed: 7, faults: c.faults as Fault[] });
      const mark = sim.requests.length;
      out.push(
        await runCase(
          c,
          base,
          clean,
          (dir) => sync(dir, c.env ?? {}),
          () => sim.requests.slice(mark).filter((r) => r.fault !== undefined).length,
        ),
      );
    }
  } finally {
    await sim.close();
    rmSync(base, { recursive: true, force: true });
  }
  return out;
}
