/**
 * Builders of GitHub REST objects (users, repositories, events) in the exact shapes of the official OpenAPI
 * description: every field a schema requires, URLs pointing at the simulator's own origin.
 */
import type { GitHubEvent, LearnerRepo, SkillsCourseRepo } from "../world/types.ts";

export const WEB = "https://github.com";

/** Stable positive 31-bit id of a login (the world gives no user ids for repo owners). */
export function userId(login: string): number {
  let h = 0x811c9dc5;
  for (const ch of login.toLowerCase()) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % 2_000_000_000) + 1;
}

export function nodeId(prefix: string, id: number): string {
  return Buffer.from(`0${prefix.length}:${prefix}${id}`).toString("base64");
}

export function simpleUser(api: string, login: string, id = userId(login), type: "User" | "Organization" = "User") {
  const u = `${api}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url: u,
    html_url: `${WEB}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** The facts a repository object is built from. */
export interface RepoFacts {
  readonly id: number;
  readonly owner: string;
  readonly ownerType: "User" | "Organization";
  readonly name: string;
  readonly description: string | null;
  readonly private: boolean;
  readonly fork: boolean;
  readonly is_template: boolean;
  readonly archived: boolean;
  readonly topics: readonly string[];
  readonly stargazers_count: number;
  readonly forks_count: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly pushed_at: string | null;
}

export function courseFacts(c: SkillsCourseRepo): RepoFacts {
  return { ...c, owner: "skills", ownerType: "Organization", private: false, fork: false };
}

export function learnerFacts(r: LearnerRepo): RepoFacts {
  return {
    id: r.id,
    owner: r.owner,
    ownerType: "User",
    name: r.name,
    description: null,
    private: r.private,
    fork: r.method === "fork",
    is_template: false,
    archived: false,
    topics: [],
    stargazers_count: 0,
    forks_count: 0,
    created_at: r.created_at,
    updated_at: r.pushed_at ?? r.created_at,
    pushed_at: r.pushed_at ?? r.created_at,
  };
}

/** Fields shared by minimal-repository, repository, full-repository and repo-search-result-item. */
export function repository(api: string, r: RepoFacts) {
  const full = `${r.owner}/${r.name}`;
  const u = `${api}/repos/${full}`;
  return {
    id: r.id,
    node_id: nodeId("Repository", r.id),
    name: r.name,
    full_name: full,
    private: r.private,
    owner: simpleUser(api, r.owner, undefined, r.ownerType),
    html_url: `${WEB}/${full}`,
    description: r.description,
    fork: r.fork,
    url: u,
    forks_url: `${u}/forks`,
    keys_url: `${u}/keys{/key_id}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    teams_url: `${u}/teams`,
    hooks_url: `${u}/hooks`,
    issue_events_url: `${u}/issues/events{/number}`,
    events_url: `${u}/events`,
    assignees_url: `${u}/assignees{/user}`,
    branches_url: `${u}/branches{/branch}`,
    tags_url: `${u}/tags`,
    blobs_url: `${u}/git/blobs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    trees_url: `${u}/git/trees{/sha}`,
    statuses_url: `${u}/statuses/{sha}`,
    languages_url: `${u}/languages`,
    stargazers_url: `${u}/stargazers`,
    contributors_url: `${u}/contributors`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    commits_url: `${u}/commits{/sha}`,
    git_commits_url: `${u}/git/commits{/sha}`,
    comments_url: `${u}/comments{/number}`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    contents_url: `${u}/contents/{+path}`,
    compare_url: `${u}/compare/{base}...{head}`,
    merges_url: `${u}/merges`,
    archive_url: `${u}/{archive_format}{/ref}`,
    downloads_url: `${u}/downloads`,
    issues_url: `${u}/issues{/number}`,
    pulls_url: `${u}/pulls{/number}`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    labels_url: `${u}/labels{/name}`,
    releases_url: `${u}/releases{/id}`,
    deployments_url: `${u}/deployments`,
    created_at: r.created_at,
    updated_at: r.updated_at,
    pushed_at: r.pushed_at ?? r.created_at,
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${WEB}/${full}.git`,
    svn_url: `${WEB}/${full}`,
    homepage: null,
    size: 120,
    stargazers_count: r.stargazers_count,
    watchers_count: r.stargazers_count,
    language: r.ownerType === "Organization" ? "Markdown" : null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: !r.fork,
    has_pages: false,
    has_discussions: false,
    forks_count: r.forks_count,
    mirror_url: null,
    archived: r.archived,
    disabled: false,
    open_issues_count: 0,
    license: null,
    allow_forking: true,
    is_template: r.is_template,
    web_commit_signoff_required: false,
    topics: [...r.topics],
    visibility: r.private ? "private" : "public",
    forks: r.forks_count,
    open_issues: 0,
    watchers: r.stargazers_count,
    default_branch: "main",
  };
}

/** `full-repository` (GET /repos/{owner}/{repo}) with its org/network fields and optional template or parent. */
export function fullRepository(
  api: string,
  r: RepoFacts,
  related: { template?: RepoFacts; parent?: RepoFacts } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...repository(api, r),
    network_count: r.forks_count,
    subscribers_count: r.stargazers_count,
    temp_clone_token: null,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
  };
  if (r.ownerType === "Organization") out.organization = simpleUser(api, r.owner, undefined, "Organization");
  if (related.template !== undefined) out.template_repository = repository(api, related.template);
  if (related.parent !== undefined) {
    out.parent = repository(api, related.parent);
    out.source = repository(api, related.parent);
  }
  return out;
}

/** An event as GitHub returns it: the world's event completed with the actor/repo URL fields the schema requires. */
export function event(api: string, e: GitHubEvent): Record<string, unknown> {
  return {
    ...e,
    actor: {
      display_login: e.actor.login,
      gravatar_id: "",
      url: `${api}/users/${e.actor.login}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${e.actor.id}?`,
      ...e.actor,
    },
    repo: { url: `${api}/repos/${e.repo.name}`, ...e.repo },
  };
}
