import type { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { client, GITHUB_TOKEN, startFixtureSim, statusOf, useFixtureSim } from "../../harness/sim-github/testkit.ts";

const fx = useFixtureSim();

describe("skills repositories", () => {
  it("lists the skills course templates and pages through forks with absolute Link URLs", async () => {
    const { octokit } = client(fx.sim, GITHUB_TOKEN);
    const courses = await octokit.paginate("GET /orgs/{org}/repos", { org: "skills", per_page: 2 });
    expect(courses.map((c) => c.name).sort()).toEqual([
      "communicate-using-markdown",
      "github-pages",
      "introduction-to-github",
    ]);
    expect(courses.every((c) => c.is_template === true && c.owner.login === "skills")).toBe(true);
    const page = await octokit.request("GET /repos/{owner}/{repo}/forks", {
      owner: "skills",
      repo: "introduction-to-github",
      per_page: 100,
    });
    expect(page.headers.link).toContain(
      `<${fx.sim.url}/repos/skills/introduction-to-github/forks?per_page=100&page=2>`,
    );
    const forks = await octokit.paginate("GET /repos/{owner}/{repo}/forks", {
      owner: "skills",
      repo: "introduction-to-github",
      per_page: 100,
    });
    expect(forks).toHaveLength(150);
    expect(forks.every((f) => f.fork === true)).toBe(true);
    expect(await statusOf(octokit.request("GET /repos/{owner}/{repo}/forks", { owner: "skills", repo: "nope" }))).toBe(
      404,
    );
  });

  it("shows template_repository on template-generated learner repos, parent on forks, 404 on private ones", async () => {
    const { octokit } = client(fx.sim, GITHUB_TOKEN);
    const generated = await octokit.request("GET /repos/{owner}/{repo}", {
      owner: "learner150",
      repo: "skills-introduction-to-github",
    });
    expect(generated.data.template_repository?.full_name).toBe("skills/introduction-to-github");
    expect(generated.data.fork).toBe(false);
    const fork = await octokit.request("GET /repos/{owner}/{repo}", {
      owner: "learner3",
      repo: "introduction-to-github",
    });
    expect(fork.data.parent?.full_name).toBe("skills/introduction-to-github");
    expect(fork.data.template_repository).toBeUndefined();
    const course = await octokit.request("GET /repos/{owner}/{repo}", { owner: "skills", repo: "github-pages" });
    expect(course.data.is_template).toBe(true);
    expect(
      await statusOf(
        octokit.request("GET /repos/{owner}/{repo}", { owner: "learner171", repo: "skills-introduction-to-github" }),
      ),
    ).toBe(404);
  });
});

describe("GET /search/repositories", () => {
  it("supports name, created range, is:public and fork qualifiers with Link pagination", async () => {
    const { octokit } = client(fx.sim, GITHUB_TOKEN);
    const q = "skills-introduction-to-github in:name created:2026-05-01..2026-07-31 is:public fork:false";
    const res = await octokit.request("GET /search/repositories", { q, per_page: 5 });
    expect(res.headers["x-ratelimit-resource"]).toBe("search");
    expect(res.headers["x-ratelimit-limit"]).toBe("30");
    expect(res.data.total_count).toBe(20);
    expect(res.headers.link).toContain(`<${fx.sim.url}/search/repositories?q=`);
    const items = await octokit.paginate("GET /search/repositories", { q, per_page: 5 });
    expect(items).toHaveLength(20);
    expect(items.every((r) => r.name === "skills-introduction-to-github" && !r.private && !r.fork)).toBe(true);
    const forks = await octokit.request("GET /search/repositories", { q: "introduction-to-github in:name fork:only" });
    expect(forks.data.total_count).toBe(150);
  });

  it("caps at 1,000 results (422) and has its own 30/min-style limit with resource search", async () => {
    const small = await startFixtureSim({ budgets: { search: 2 } });
    const { octokit, calls } = client(small, GITHUB_TOKEN);
    const err = await octokit
      .request("GET /search/repositories", { q: "introduction", per_page: 100, page: 11 })
      .catch((e: unknown) => e);
    expect((err as RequestError).status).toBe(422);
    expect((err as RequestError).message).toMatch(/Only the first 1000 search results are available/);
    expect(await statusOf(octokit.request("GET /search/repositories", { q: "" }))).toBe(422);
    const limited = await octokit.request("GET /search/repositories", { q: "pages" }).catch((e: unknown) => e);
    expect((limited as RequestError).status).toBe(403);
    expect((limited as RequestError).response?.headers["x-ratelimit-resource"]).toBe("search");
    expect((limited as RequestError).response?.headers["x-ratelimit-remaining"]).toBe("0");
    expect(calls.primary).toHaveLength(1);
    // the core budget is untouched by search
    const core = await octokit.request("GET /repos/{owner}/{repo}", { owner: "skills", repo: "github-pages" });
    expect(core.headers["x-ratelimit-resource"]).toBe("core");
    expect(small.validationErrors).toEqual([]);
    await small.close();
  });

  it("answers an unsupported X-GitHub-Api-Version with 400, and echoes a supported one", async () => {
    const { octokit } = client(fx.sim, GITHUB_TOKEN);
    const ok = await octokit.request("GET /repos/{owner}/{repo}", {
      owner: "skills",
      repo: "github-pages",
      headers: { "x-github-api-version": "2026-03-10" },
    });
    expect(ok.headers["x-github-api-version-selected"]).toBe("2026-03-10");
    const bad = await octokit
      .request("GET /repos/{owner}/{repo}", {
        owner: "skills",
        repo: "github-pages",
        headers: { "x-github-api-version": "2019-01-01" },
      })
      .catch((e: unknown) => e);
    expect((bad as RequestError).status).toBe(400);
    expect(JSON.stringify((bad as RequestError).response?.data)).not.toContain("2019-01-01");
  });
});
