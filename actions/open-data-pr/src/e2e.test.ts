/**
 * End to end, the nightly workflow's steps in a temporary git repository against the simulators: sync (the core of
 * `npm run sync -- --kusto-only`, against the Kusto simulator) → aggregate (when present) → diff → branch + commit → PR through
 * the GitHub simulator. Then an upstream change (the world a week later) updates the same PR; a run with nothing new
 * adds no commit; after the PR is merged, a run with no change opens no PR. Two small Kusto datasets keep it fast.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createFixture } from "../../../sim/github/fixture.ts";
import { start as startGitHub } from "../../../sim/github/server.ts";
import type { GitHubSim } from "../../../sim/github/types.ts";
import { start as startKusto } from "../../../sim/kusto/index.ts";
import { createWorld } from "../../../sim/world/index.ts";
import { renderMarkdown } from "../../data-diff/src/render.ts";
import { runDiff } from "../../data-diff/src/run.ts";
import { git, putSchema, removeTempDirs, tempDir } from "../../data-diff/src/test-helpers.ts";
import { DEMO_PSEUDONYM_KEY } from "../../shared/pseudonym.ts";
import { REPO_ROOT } from "../../shared/schema.ts";
import { runSync, silentReporter } from "../../sync-core/src/index.ts";
import { kustoSource } from "../../sync-kusto/src/source.ts";
import { prepare, publish } from "./flow.ts";
import { cloneForRun } from "./test-flow.ts";

const DATASETS = ["learning_activity", "product_usage"];
const PEOPLE = 40;

type Kusto = Awaited<ReturnType<typeof startKusto>>;
let github: GitHubSim;
let remote: string;
const kustos: Kusto[] = [];

async function kustoAt(now: string): Promise<{ env: Record<string, string>; sim: Kusto }> {
  const sim = await startKusto({ world: createWorld({ people: PEOPLE, now }) });
  kustos.push(sim);
  const env = {
    KUSTO_CSE_URL: sim.clusters.cse.url,
    KUSTO_CSE_DATABASE: sim.clusters.cse.database,
    KUSTO_GH_URL: sim.clusters.gh.url,
    KUSTO_GH_DATABASE: sim.clusters.gh.database,
    PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY,
    ACE_NOW: now,
  };
  return { env, sim };
}

beforeAll(async () => {
  for (const v of ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"]) vi.stubEnv(v, "");
  github = await startGitHub({ world: createFixture() });
  remote = join(tempDir("remote"), "repo.git");
  git(".", "init", "-q", "--bare", "-b", "main", remote);
  const seed = tempDir("seed");
  git(seed, "clone", "-q", remote, ".");
  git(seed, "checkout", "-q", "-b", "main");
  for (const n of DATASETS) putSchema(join(seed, "data"), n);
  copyFileSync(join(REPO_ROOT, ".gitignore"), join(seed, ".gitignore"));
  git(seed, "add", "-A");
  git(seed, "commit", "-q", "-m", "seed: schemas only");
  git(seed, "push", "-q", "origin", "main");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  removeTempDirs();
  await Promise.all([github.close(), ...kustos.map((k) => k.close())]);
});

/** One nightly run in a fresh clone, steps as in .github/workflows/sync-nightly.yml. */
async function nightly(env: Record<string, string>) {
  const { work, flow } = cloneForRun(remote, github.url);
  const data = join(work, "data");
  const prep = await prepare(flow);
  // sync: the same core `npm run sync -- --kusto-only --datasets …` runs, in process (faster than a child process)
  const sync = await runSync({
    dataDir: data,
    sources: [kustoSource()],
    datasets: DATASETS,
    now: new Date(env.ACE_NOW ?? ""),
    env: { ...process.env, ...env },
    reporter: silentReporter(),
  });
  expect(sync.exitCode).toBe(0);
  // aggregate: whatever exists by now; over a partial set of datasets it may refuse, as the workflow step may
  try {
    const agg = await import("../../aggregate/src/aggregate.ts");
    const result = await agg.aggregate(data, { aceNow: env.ACE_NOW });
    agg.writeAggregated(data, result.files);
  } catch {
    // no aggregation for these inputs
  }
  const { report } = await runDiff({ dataDir: data, base: "origin/main", now: new Date(env.ACE_NOW ?? "") });
  const bodyPath = join(work, "..", `${Date.now()}-body.md`);
  writeFileSync(bodyPath, renderMarkdown(report));
  const result = await publish({
    ...flow,
    dataDir: data,
    paths: ["data"],
    bodyPath,
    labels: ["data", "automated"],
    autoMerge: true,
    syncOutcome: "success",
    manageFailureIssue: true,
    runUrl: null,
    now: new Date(env.ACE_NOW ?? ""),
  });
  return { prep, result, work, report };
}

describe("nightly flow end to end (Kusto simulator → sync → diff → data PR in the GitHub simulator)", () => {
  it("opens the data PR, updates the same PR on an upstream change, and opens none when nothing changed", {
    timeout: 300_000,
  }, async () => {
    const day1 = await kustoAt("2026-11-24T02:00:00Z");
    const r1 = await nightly(day1.env);
    expect(r1.result.pr?.created).toBe(true);
    expect(github.state.pulls).toHaveLength(1);
    const pr = github.state.pulls[0];
    expect(pr?.body).toMatch(/### .*\(`learning_activity`\)/);
    expect(pr?.body).toContain("dataset added");
    expect(pr?.autoMerge?.mergeMethod).toBe("SQUASH");
    const firstBody = pr?.body;

    // the world a week later: new activity upstream → the same PR, a new commit, a new body
    const day8 = await kustoAt("2026-12-01T02:00:00Z");
    const r2 = await nightly(day8.env);
    expect(r2.prep).toMatchObject({ from: "pr-branch", prNumber: pr?.number });
    expect(r2.result).toMatchObject({ committed: true, pushed: true, pr: { number: pr?.number, created: false } });
    expect(github.state.pulls).toHaveLength(1);
    expect(github.state.pulls[0]?.body).not.toBe(firstBody);

    // same upstream again: nothing new to commit, the PR stays
    const r3 = await nightly(day8.env);
    expect(r3.result).toMatchObject({ committed: false, pushed: false });
    expect(github.state.pulls).toHaveLength(1);

    // merged: main has the data; the next run with no change opens no PR
    const m = tempDir("merge");
    git(m, "clone", "-q", remote, ".");
    git(m, "merge", "-q", "--squash", "origin/data-sync");
    git(m, "commit", "-q", "-m", "Data sync (#1)");
    git(m, "push", "-q", "origin", "main");
    const p = github.state.pulls[0];
    if (p) p.state = "closed";
    const r4 = await nightly(day8.env);
    expect(r4.result).toMatchObject({ committed: false, pr: null });
    expect(r4.report.changed).toBe(false);
    expect(github.state.pulls.filter((x) => x.state === "open")).toHaveLength(0);
    expect(github.state.issues.filter((i) => i.labels.includes("sync-failure"))).toHaveLength(0);
  });
});
