/**
 * The derive-journey action's main.ts as the sync workflows run it (no inputs but the data directory, mocked
 * @actions/core): from the committed data it writes the committed journey_complete.csv again, reports the change in
 * its output and the job summary, and fails the step once when its inputs cannot be read.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { run } from "../../../actions/derive-journey/src/main.ts";
import { actionInputs } from "../../harness/actions-core.ts";

vi.mock("@actions/core", async () => (await import("../../harness/actions-core.ts")).core);

const root = mkdtempSync(join(tmpdir(), "ace-journey-main-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const committed = (file: string): string => readFileSync(join(REPO_ROOT, "data", file), "utf8");

beforeEach(() => {
  vi.stubEnv("ACE_NOW", "2026-11-24T02:00:00Z");
  // the sync core's reporter writes the job summary only on a runner
  vi.stubEnv("GITHUB_STEP_SUMMARY", join(root, "step-summary.md"));
  return () => vi.unstubAllEnvs();
});

describe("derive-journey main.ts", () => {
  const dir = join(root, "data");

  it("writes the committed journey_complete.csv from the committed data and reports the change", async () => {
    cpSync(join(REPO_ROOT, "data"), dir, { recursive: true });
    rmSync(join(dir, "journey_complete.csv"));
    const io = actionInputs({ "data-dir": dir });
    await run();
    expect(io.failed).toEqual([]);
    expect(io.outputs).toEqual({ changed: "journey_complete" });
    expect(readFileSync(join(dir, "journey_complete.csv"), "utf8") === committed("journey_complete.csv")).toBe(true);
    expect(io.summaries).toHaveLength(1);
    expect(io.summaries[0]).toContain("### Derived datasets");
    expect(io.summaries[0]).toMatch(/\| journey_complete \| derived \| ✅ ok \| \d+ \|/);
  });

  it("derives the same rows again on the next run: nothing changed", async () => {
    const io = actionInputs({ "data-dir": dir });
    await run();
    expect(io.failed).toEqual([]);
    expect(io.outputs).toEqual({ changed: "" });
    expect(io.summaries[0]).toContain("| journey_complete | derived | ➖ unchanged |");
  });

  it("fails the step once, naming the dataset, when a source CSV cannot be read", async () => {
    writeFileSync(join(dir, "unified_users.csv"), "not,the,header\n1,2,3\n");
    const io = actionInputs({ "data-dir": dir });
    await run();
    expect(io.failed).toHaveLength(1);
    expect(io.failed[0]).toMatch(/^journey_complete: .*unified_users\.csv:1:1: header not,the,header does not match/);
    expect(io.summaries[0]).toContain("| journey_complete | derived | ❌ failed |");
    expect(io.outputs).toEqual({ changed: "" });
    expect(readFileSync(join(dir, "journey_complete.csv"), "utf8") === committed("journey_complete.csv")).toBe(true);
  });
});
