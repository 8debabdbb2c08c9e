/**
 * Against the DEMO world (scale S): starting from the committed data/ (CSVs + data/state/), a GitHub sync
 * reproduces the five committed GitHub CSVs byte for byte, and an immediate second sync makes zero non-304
 * requests to the events, forks and repo endpoints and reports `unchanged` for every dataset.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { runSync, silentReporter } from "../../../actions/sync-core/src/index.ts";
import { GITHUB_DATASETS, githubSource } from "../../../actions/sync-github/src/source.ts";
import { type Simulators, startSimulators } from "../../../sim/start.ts";
import { datasetText } from "../../harness/data-files.ts";

let sims: Simulators;
let dataDir: string;

const sync = () =>
  runSync({
    dataDir,
    sources: [githubSource({ timing: "fast" })],
    now: new Date(sims.env.ACE_NOW ?? ""),
    env: { ...sims.env, GITHUB_RATE_RESERVE: "10" },
    reporter: silentReporter(),
  });

beforeAll(async () => {
  sims = await startSimulators();
  dataDir = mkdtempSync(join(tmpdir(), "ace-gh-golden-"));
  cpSync(join(REPO_ROOT, "data"), dataDir, { recursive: true });
});
afterAll(async () => {
  await sims.close();
});

describe("GitHub sync against the demo world, from the committed data", () => {
  it("reproduces the committed GitHub CSVs byte for byte", async () => {
    const report = await sync();
    expect(report.exitCode).toBe(0);
    for (const name of GITHUB_DATASETS) {
      const got = datasetText(dataDir, name);
      const want = datasetText(join(REPO_ROOT, "data"), name);
      expect(want).not.toBe("");
      expect(got === want, `${name} differs from the committed golden`).toBe(true);
    }
  });

  it("an immediate second sync makes zero non-304 events/forks/repo requests and reports unchanged", async () => {
    const before = sims.github.requests.length;
    const report = await sync();
    expect(Object.fromEntries(report.results.map((r) => [r.dataset, r.status]))).toEqual(
      Object.fromEntries(GITHUB_DATASETS.map((n) => [n, "unchanged"])),
    );
    const costly = sims.github.requests
      .slice(before)
      .filter((r) => /^github:(events|forks|repo)$/.test(r.route) && !r.was304);
    expect(costly.map((r) => `${r.route} ${r.path} ${r.status}`)).toEqual([]);
  });
});
