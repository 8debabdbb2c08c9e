/**
 * The open-data-pr action's main.ts through both steps of a sync workflow (mocked @actions/core; @actions/github's
 * getOctokit pointed at the GitHub simulator, its context read from GITHUB_REPOSITORY as on a runner): `prepare` on a
 * fresh clone, then `publish` with the diff body, the labels, auto-merge and the lease prepare handed over. A third
 * run with nothing new commits nothing; an unknown step fails once.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../../actions/open-data-pr/src/main.ts";
import { start } from "../../../sim/github/server.ts";
import { defaultToken, type GitHubSim } from "../../../sim/github/types.ts";
import { actionInputs } from "../../harness/actions-core.ts";
import { csv, git, put, removeTempDirs, skillsCoursesStatus, tempDir } from "../../harness/data-diff.ts";
import { seededRemote } from "../../harness/open-data-pr.ts";
import { createFixture } from "../../harness/sim-github/fixture.ts";

vi.mock("@actions/core", async () => (await import("../../harness/actions-core.ts")).core);
const api = vi.hoisted(() => ({ url: "" }));
vi.mock("@actions/github", async (importOriginal) => {
  const real = await importOriginal<typeof import("@actions/github")>();
  // the runner's GITHUB_API_URL is read when @actions/github loads; the simulator's port is known only later
  return { ...real, getOctokit: (token: string) => real.getOctokit(token, { baseUrl: api.url }) };
});

const H = "course,title,is_template,archived,topics,stargazers,forks,created_at";
const course = (c: string, stars: number): string =>
  `${c},Course ${c},true,false,actions,${stars},3,2024-01-01T00:00:00Z`;
const TOKEN = defaultToken("github");

let sim: GitHubSim;
let remote: string;
beforeAll(async () => {
  for (const v of ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"]) vi.stubEnv(v, "");
  sim = await start({ world: createFixture() });
  api.url = sim.url;
  remote = seededRemote("odp-", [H, course("a", 1), course("b", 2)], skillsCoursesStatus("ok", null));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  removeTempDirs();
  await sim.close();
});

beforeEach(() => {
  vi.stubEnv("GITHUB_REPOSITORY", "ace-demo/ace-data-site");
  vi.stubEnv("GITHUB_SERVER_URL", "https://github.com");
  vi.stubEnv("GITHUB_RUN_ID", "42");
  vi.stubEnv("ACE_NOW", "2026-11-24T02:00:00Z");
});

/** One sync workflow run: prepare on a fresh clone, the sync (edit), then publish with the body and the lease. */
async function workflowRun(edit: (work: string) => void) {
  const work = tempDir("odp-work");
  git(work, "clone", "-q", remote, ".");
  const prepared = actionInputs({ step: "prepare", token: TOKEN, "working-directory": work });
  await run();
  edit(work);
  const bodyPath = join(tempDir("odp-body"), "data-diff.md");
  writeFileSync(bodyPath, "## Data changes\n\n`skills_courses`: stargazers of b 2 → 5\n");
  const published = actionInputs({
    step: "publish",
    token: TOKEN,
    "working-directory": work,
    "data-dir": join(work, "data"),
    "body-path": bodyPath,
    labels: "data,automated",
    "auto-merge": "true",
    "sync-outcome": "success",
    "failure-issue": "true",
    lease: prepared.outputs["branch-sha"] ?? "",
  });
  await run();
  return { prepared, published };
}

describe("open-data-pr main.ts against the GitHub simulator and a real git remote", () => {
  it("prepare starts from main; publish commits, pushes and opens the labelled, auto-merging PR", async () => {
    const { prepared, published } = await workflowRun((w) =>
      put(w, "data/skills_courses.csv", csv([H, course("a", 1), course("b", 5)])),
    );
    expect(prepared.failed).toEqual([]);
    expect(prepared.outputs).toEqual({ from: "base", "pr-number": "", "branch-sha": "absent" });
    expect(prepared.infos).toContain("data branch data-sync starts from main");
    expect(prepared.secrets).toHaveLength(1);

    expect(published.failed).toEqual([]);
    const pr = sim.state.pulls[0];
    expect(sim.state.pulls).toHaveLength(1);
    expect(published.outputs).toEqual({
      "pr-number": String(pr?.number),
      "pr-url": expect.stringContaining(`/pull/${pr?.number}`),
      committed: "true",
    });
    expect(pr?.head).toBe("ace-demo:data-sync");
    expect(pr?.body).toContain("stargazers of b 2 → 5");
    expect(pr?.labels).toEqual(["data", "automated"]);
    expect(pr?.autoMerge?.mergeMethod).toBe("SQUASH");
    expect(published.summaries).toEqual([
      `Data PR opened: [#${pr?.number}](${published.outputs["pr-url"]})\n\nFailure issue: none.\n\n`,
    ]);
    expect(git(".", "ls-remote", "--heads", remote, "data-sync")).toContain("refs/heads/data-sync");
  });

  it("the next run starts from the PR's branch and, with nothing new, commits nothing", async () => {
    const { prepared, published } = await workflowRun(() => undefined);
    const pr = sim.state.pulls[0];
    expect(prepared.outputs).toMatchObject({ from: "pr-branch", "pr-number": String(pr?.number) });
    expect(prepared.outputs["branch-sha"]).toMatch(/^[0-9a-f]{40}$/);
    expect(published.failed).toEqual([]);
    expect(published.outputs.committed).toBe("false");
    expect(sim.state.pulls).toHaveLength(1);
  });

  it("fails the step once on an unknown step or a missing token", async () => {
    const unknown = actionInputs({ step: "deploy", token: TOKEN });
    await run();
    expect(unknown.failed).toEqual(['input step must be "prepare" or "publish", got "deploy"']);
    const tokenless = actionInputs({ step: "prepare" });
    await run();
    expect(tokenless.failed).toEqual(["Input required and not supplied: token"]);
    expect([unknown.outputs, tokenless.outputs]).toEqual([{}, {}]);
  });
});
