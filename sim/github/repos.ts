/**
 * Repositories: `GET /orgs/{org}/repos` (the `skills` course templates), `GET /repos/skills/{repo}/forks`,
 * `GET /repos/{owner}/{repo}` (with `template_repository` for template-generated learner repos, `parent`/`source`
 * for forks; private repositories answer 404 as they do to a token without access).
 */
import type { GitHubUpstream, LearnerRepo } from "../world/types.ts";
import { notFound } from "./errors.ts";
import { paged, pageRequest } from "./paginate.ts";
import type { Route } from "./route.ts";
import { courseFacts, fullRepository, learnerFacts, type RepoFacts, repository } from "./shapes.ts";

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function course(gh: GitHubUpstream, name: string) {
  return gh.skillsCourses().find((c) => eq(c.name, name));
}

type Sortable = Pick<RepoFacts, "created_at" | "updated_at" | "pushed_at" | "name" | "owner" | "stargazers_count">;

/** GitHub's `sort` / `direction` for repository listings. */
export function sortRepos<T extends Sortable>(items: readonly T[], sort: string, direction: string | null): T[] {
  const key = (r: T): string | number => {
    if (sort === "updated") return r.updated_at;
    if (sort === "pushed" || sort === "newest" || sort === "oldest")
      return sort === "pushed" ? (r.pushed_at ?? "") : r.created_at;
    if (sort === "full_name") return `${r.owner}/${r.name}`.toLowerCase();
    if (sort === "stargazers" || sort === "watchers") return r.stargazers_count;
    return r.created_at;
  };
  const asc = direction === "asc" || (direction === null && (sort === "full_name" || sort === "oldest"));
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return asc ? c : -c;
  });
}

export const orgReposRoute: Route = {
  method: "GET",
  template: "/orgs/{org}/repos",
  name: "github:org-repos",
  resource: "core",
  access: "any",
  handle(ctx) {
    const org = ctx.params.org ?? "";
    const gh = ctx.world.github;
    if (!eq(org, "skills") && !eq(org, gh.org)) return notFound();
    const type = ctx.query.get("type") ?? "all";
    const facts = eq(org, "skills") ? gh.skillsCourses().map(courseFacts) : [];
    const listed = type === "private" || type === "forks" ? [] : facts;
    const sorted = sortRepos(listed, ctx.query.get("sort") ?? "created", ctx.query.get("direction"));
    const page = paged(sorted, ctx.url, pageRequest(ctx.query));
    return {
      status: 200,
      body: page.body.map((r) => repository(ctx.api, r)),
      headers: page.headers,
      conditional: true,
    };
  },
};

export const forksRoute: Route = {
  method: "GET",
  template: "/repos/{owner}/{repo}/forks",
  name: "github:forks",
  resource: "core",
  access: "any",
  handle(ctx) {
    const gh = ctx.world.github;
    const c = eq(ctx.params.owner ?? "", "skills") ? course(gh, ctx.params.repo ?? "") : undefined;
    if (c === undefined) {
      const learner = findLearner(gh, ctx.params.owner ?? "", ctx.params.repo ?? "");
      if (learner === undefined) return notFound();
      return { status: 200, body: [], conditional: true };
    }
    const forks = gh
      .learnerRepos()
      .filter((r) => r.method === "fork" && !r.private && eq(r.course, c.name))
      .map(learnerFacts);
    const sorted = sortRepos(forks, ctx.query.get("sort") ?? "newest", null);
    const page = paged(sorted, ctx.url, pageRequest(ctx.query));
    return {
      status: 200,
      body: page.body.map((r) => repository(ctx.api, r)),
      headers: page.headers,
      conditional: true,
    };
  },
};

function findLearner(gh: GitHubUpstream, owner: string, name: string): LearnerRepo | undefined {
  return gh.learnerRepos().find((r) => !r.private && eq(r.owner, owner) && eq(r.name, name));
}

export const repoRoute: Route = {
  method: "GET",
  template: "/repos/{owner}/{repo}",
  name: "github:repo",
  resource: "core",
  access: "any",
  handle(ctx) {
    const gh = ctx.world.github;
    const owner = ctx.params.owner ?? "";
    const name = ctx.params.repo ?? "";
    if (eq(owner, "skills")) {
      const c = course(gh, name);
      return c === undefined
        ? notFound()
        : { status: 200, body: fullRepository(ctx.api, courseFacts(c)), conditional: true };
    }
    const r = findLearner(gh, owner, name);
    if (r === undefined) return notFound();
    const c = course(gh, r.course);
    const related =
      c === undefined ? {} : r.method === "template" ? { template: courseFacts(c) } : { parent: courseFacts(c) };
    return { status: 200, body: fullRepository(ctx.api, learnerFacts(r), related), conditional: true };
  },
};
