/**
 * The sync-kusto action's main.ts with the workflows' inputs (datasets, allow-shrink, dry-run, azure-login; mocked
 * @actions/core) against the Kusto simulator serving the demo world: it writes the committed CSV again and reports
 * its outputs and job summary; a failed azure/login fails every selected dataset without a query and keeps the data.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { readSyncStatus } from "#core/status.ts";
import { run } from "../../../actions/sync-kusto/src/main.ts";
import { actionInputs } from "../../harness/actions-core.ts";
import { datasetText } from "../../harness/data-files.ts";
import { type Harness, startSim } from "../../harness/sync-kusto.ts";

vi.mock("@actions/core", async () => (await import("../../harness/actions-core.ts")).core);

const DATASET = "certified_users";
const root = mkdtempSync(join(tmpdir(), "ace-kusto-main-"));
const committed = datasetText(join(REPO_ROOT, "data"), DATASET);
let h: Harness;
let seq = 0;
beforeAll(async () => {
  h = await startSim();
});
afterAll(async () => {
  await h.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  for (const [k, v] of Object.entries(h.env)) vi.stubEnv(k, v);
  for (const v of ["KUSTO_FULL", "INPUT_FULL", "GITHUB_RUN_ID"]) vi.stubEnv(v, "");
  vi.stubEnv("GITHUB_STEP_SUMMARY", join(root, "step-summary.md"));
  return () => vi.unstubAllEnvs();
});

/** A copy of the committed data/. */
function committedData(): string {
  const dir = join(root, `data${seq++}`);
  cpSync(join(REPO_ROOT, "data"), dir, { recursive: true });
  return dir;
}

/** The inputs the sync workflows pass (`with:` of the "Kusto sync" step). */
const workflowInputs = (dir: string, azureLogin: string) =>
  actionInputs({
    "data-dir": dir,
    datasets: DATASET,
    "allow-shrink": "false",
    "dry-run": "false",
    "azure-login": azureLogin,
  });

describe("sync-kusto main.ts against the Kusto simulator", () => {
  it("writes the committed CSV again and reports the change, the status paths and the summary", async () => {
    const dir = committedData();
    rmSync(join(dir, DATASET), { recursive: true });
    const io = workflowInputs(dir, "success");
    await run();
    expect(io.failed).toEqual([]);
    expect(io.outputs).toEqual({
      changed: DATASET,
      "status-path": join(dir, "sync_status.json"),
      "run-record-path": join(dir, "sync-run.json"),
    });
    expect(datasetText(dir, DATASET) === committed).toBe(true);
    expect(io.summaries).toHaveLength(1);
    expect(io.summaries[0]).toContain("### Kusto sync\n");
    expect(io.summaries[0]).toMatch(new RegExp(`\\| ${DATASET} \\| kusto \\| ✅ ok \\| \\d+ \\|`));
  });

  it("fails every selected dataset without a query when azure/login failed, and keeps the data", async () => {
    const dir = committedData();
    const queries = h.sim.requests.length;
    const io = workflowInputs(dir, "failure");
    await run();
    expect(io.failed).toEqual([`${DATASET} failed (see the job summary)`]);
    expect(io.outputs.changed).toBe("");
    expect(h.sim.requests.length).toBe(queries);
    expect(datasetText(dir, DATASET) === committed).toBe(true);
    expect(readSyncStatus(dir).datasets[DATASET]?.status).toBe("failed");
    expect(io.summaries[0]).toContain("Azure login failure (azure/login): Kusto was not queried");
  });

  it("fails the step once on a dry-run input that is not a boolean", async () => {
    const io = actionInputs({ "data-dir": committedData(), datasets: DATASET, "dry-run": "yes please" });
    await run();
    expect(io.failed).toEqual(['input dry-run must be "true" or "false", got "yes please"']);
    expect(io.outputs).toEqual({});
  });
});
