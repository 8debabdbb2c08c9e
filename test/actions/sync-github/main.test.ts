/**
 * The sync-github action's main.ts with the workflows' inputs (datasets, allow-shrink, dry-run, the two tokens, the
 * org; mocked @actions/core) against the GitHub simulator serving the demo world: it writes the committed CSV again,
 * masks both tokens, reports its outputs and job summary, honours dry-run, and fails the step on a refused shrink
 * unless allow-shrink says otherwise.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { run } from "../../../actions/sync-github/src/main.ts";
import { type Simulators, startSimulators } from "../../../sim/start.ts";
import { actionInputs } from "../../harness/actions-core.ts";

vi.mock("@actions/core", async () => (await import("../../harness/actions-core.ts")).core);

const root = mkdtempSync(join(tmpdir(), "ace-gh-main-"));
let sims: Simulators;
let seq = 0;
beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(async () => {
  await sims.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  const env = sims.env;
  for (const v of ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "GITHUB_ACTIONS"]) vi.stubEnv(v, "");
  vi.stubEnv("GITHUB_API_URL", env.GITHUB_API_URL);
  vi.stubEnv("ACE_NOW", env.ACE_NOW);
  vi.stubEnv("PSEUDONYM_KEY", env.PSEUDONYM_KEY);
  vi.stubEnv("ACE_GITHUB_TIMING", "fast");
  // main.ts hands the token to @octokit/action through process.env: stubbed, so it is restored afterwards
  vi.stubEnv("GITHUB_TOKEN", "");
  vi.stubEnv("GITHUB_STEP_SUMMARY", join(root, "step-summary.md"));
  return () => vi.unstubAllEnvs();
});

/** A copy of the committed data/. */
function committedData(): string {
  const dir = join(root, `data${seq++}`);
  cpSync(join(REPO_ROOT, "data"), dir, { recursive: true });
  return dir;
}

const committed = readFileSync(join(REPO_ROOT, "data", "skills_courses.csv"), "utf8");

/** The inputs the sync workflows pass (`with:` of the "GitHub sync" step). */
function workflowInputs(dir: string, o: { datasets: string; dryRun?: boolean; allowShrink?: boolean }) {
  return actionInputs({
    "data-dir": dir,
    datasets: o.datasets,
    "allow-shrink": String(o.allowShrink ?? false),
    "dry-run": String(o.dryRun ?? false),
    "github-token": sims.env.GITHUB_TOKEN ?? "",
    "copilot-token": sims.env.COPILOT_TOKEN ?? "",
    org: sims.env.GITHUB_ORG ?? "",
  });
}

describe("sync-github main.ts against the GitHub simulator", () => {
  it("writes the committed skills_courses.csv again, masks the tokens and reports outputs and summary", async () => {
    const dir = committedData();
    rmSync(join(dir, "skills_courses.csv"));
    const io = workflowInputs(dir, { datasets: "skills_courses" });
    await run();
    expect(io.failed).toEqual([]);
    expect(io.outputs).toEqual({
      changed: "skills_courses",
      "status-path": join(dir, "sync_status.json"),
      "exit-code": "0",
    });
    expect(readFileSync(join(dir, "skills_courses.csv"), "utf8") === committed).toBe(true);
    expect(io.secrets).toEqual([sims.env.GITHUB_TOKEN, sims.env.COPILOT_TOKEN]);
    expect(io.summaries).toHaveLength(1);
    expect(io.summaries[0]).toContain("### GitHub sync\n");
    expect(io.summaries[0]).toMatch(/\| skills_courses \| github \| ✅ ok \| \d+ \|/);
  });

  it("dry-run: fetches and validates but writes nothing", async () => {
    const dir = committedData();
    rmSync(join(dir, "skills_courses.csv"));
    const status = readFileSync(join(dir, "sync_status.json"), "utf8");
    const io = workflowInputs(dir, { datasets: "skills_courses", dryRun: true });
    await run();
    expect(io.failed).toEqual([]);
    expect([io.outputs.changed, io.outputs["exit-code"]]).toEqual(["", "0"]);
    expect(existsSync(join(dir, "skills_courses.csv"))).toBe(false);
    expect(readFileSync(join(dir, "sync_status.json"), "utf8")).toBe(status);
    expect(io.summaries[0]).toContain("### GitHub sync (dry run)");
  });

  it("refuses a shrink past the limit and fails the step; allow-shrink accepts it", async () => {
    const dir = committedData();
    // the committed file as if it had twice the courses: the sync's answer shrinks it by half
    const [header, ...rows] = committed.trimEnd().split("\n");
    const doubled = [header, ...[...rows, ...rows.map((r) => r.replace(/^([^,]+)/, "$1-old"))].sort()];
    writeFileSync(join(dir, "skills_courses.csv"), `${doubled.join("\n")}\n`);
    const refused = workflowInputs(dir, { datasets: "skills_courses" });
    await run();
    expect(refused.outputs["exit-code"]).toBe("1");
    expect(refused.failed).toEqual(["GitHub sync: skills_courses (refused); every other dataset was written"]);
    expect(readFileSync(join(dir, "skills_courses.csv"), "utf8")).toBe(`${doubled.join("\n")}\n`);

    const allowed = workflowInputs(dir, { datasets: "skills_courses", allowShrink: true });
    await run();
    expect(allowed.failed).toEqual([]);
    expect(allowed.outputs.changed).toBe("skills_courses");
    expect(readFileSync(join(dir, "skills_courses.csv"), "utf8") === committed).toBe(true);
  });
});
