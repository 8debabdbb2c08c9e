import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "../../../actions/sync-github/src/copilot-parse.ts";
import { start } from "../../../sim/github/server.ts";
import type { GitHubSim } from "../../../sim/github/types.ts";
import { createWorld, type World } from "../../../sim/world/index.ts";
import { COPILOT_TOKEN, client, GITHUB_TOKEN } from "../../harness/sim-github/testkit.ts";

let world: World;
let sim: GitHubSim;
beforeAll(async () => {
  world = createWorld({ scale: "S" });
  sim = await start({ world, validate: true, usersPerLink: 10 });
});
afterAll(async () => {
  expect(sim.validationErrors.slice(0, 5)).toEqual([]);
  await sim.close();
});

describe("the simulator on the synthetic world (scale S)", () => {
  it("serves the world's Copilot reports up to the last ready day", async () => {
    const { octokit } = client(sim, COPILOT_TOKEN);
    const org = world.github.org;
    const latest = await octokit.request("GET /orgs/{org}/copilot/metrics/reports/organization-28-day/latest", { org });
    const day = latest.data.report_end_day;
    const report = await octokit.request("GET /orgs/{org}/copilot/metrics/reports/users-1-day", { org, day });
    const records: { user_login: string }[] = [];
    for (const link of report.data.download_links)
      records.push(...(parseDocument(await (await fetch(link)).text(), link) as { user_login: string }[]));
    expect(records.map((r) => r.user_login)).toEqual(
      (world.github.copilotUserRecords(day) ?? []).map((r) => r.user_login),
    );
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(
      (await octokit.request("GET /orgs/{org}/copilot/metrics/reports/users-1-day", { org, day: next })).status,
    ).toBe(204);
  });

  it("serves each login's events of the last 30 days, capped at 300", async () => {
    const { octokit } = client(sim, GITHUB_TOKEN);
    const since = world.now.getTime() - 30 * 86_400_000;
    for (const login of world.github.logins().slice(0, 4)) {
      const got = await octokit.paginate("GET /users/{username}/events/public", { username: login, per_page: 100 });
      const want = world.github.publicEvents(login).filter((e) => Date.parse(e.created_at) >= since);
      expect(got.map((e) => e.id)).toEqual(want.slice(0, 300).map((e) => e.id));
    }
  });

  it("serves the skills courses, public forks and template-generated repos", async () => {
    const { octokit } = client(sim, GITHUB_TOKEN);
    const courses = await octokit.paginate("GET /orgs/{org}/repos", { org: "skills", per_page: 100 });
    expect(courses.map((c) => c.name).sort()).toEqual(
      world.github
        .skillsCourses()
        .map((c) => c.name)
        .sort(),
    );
    const learners = world.github.learnerRepos().filter((r) => !r.private);
    const fork = learners.find((r) => r.method === "fork");
    if (fork !== undefined) {
      const forks = await octokit.paginate("GET /repos/{owner}/{repo}/forks", { owner: "skills", repo: fork.course });
      expect(forks.map((f) => f.id).sort()).toEqual(
        learners
          .filter((r) => r.method === "fork" && r.course === fork.course)
          .map((r) => r.id)
          .sort(),
      );
    }
    const generated = learners.find((r) => r.method === "template");
    if (generated === undefined) throw new Error("the world has no public template-generated repo");
    const repo = await octokit.request("GET /repos/{owner}/{repo}", { owner: generated.owner, repo: generated.name });
    expect(repo.data.template_repository?.full_name).toBe(`skills/${generated.course}`);
    const found = await octokit.request("GET /search/repositories", {
      q: `${generated.name} in:name is:public fork:false`,
    });
    expect(found.data.items.map((i) => i.id)).toContain(generated.id);
  });
});
