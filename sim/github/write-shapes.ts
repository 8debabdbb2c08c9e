/** Pull request, issue, label and comment objects in the shapes of the OpenAPI description. */

import { nodeId, type RepoFacts, repository, simpleUser, userId, WEB } from "./shapes.ts";
import type { CommentRecord, IssueRecord, PullRecord } from "./types.ts";

/** Facts of the repository a write endpoint works on (the project's own repo is not part of the world). */
export function repoFactsOf(full: string, createdAt: string): RepoFacts {
  const [owner = "", name = ""] = full.split("/");
  return {
    id: userId(full),
    owner,
    ownerType: "Organization",
    name,
    description: null,
    private: false,
    fork: false,
    is_template: false,
    archived: false,
    topics: [],
    stargazers_count: 0,
    forks_count: 0,
    created_at: createdAt,
    updated_at: createdAt,
    pushed_at: createdAt,
  };
}

/** Deterministic 40-hex "sha" of a branch. */
export function shaOf(text: string): string {
  let out = "";
  for (let i = 0; out.length < 40; i++) out += userId(`${text}#${i}`).toString(16).padStart(8, "0");
  return out.slice(0, 40);
}

export function label(api: string, repo: string, name: string) {
  const id = userId(`${repo}#label#${name}`);
  return {
    id,
    node_id: nodeId("Label", id),
    url: `${api}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: "ededed",
    default: false,
  };
}

function branch(api: string, ref: string, repo: RepoFacts) {
  const [owner, name] = ref.includes(":") ? ref.split(":") : [repo.owner, ref];
  const branchName = name ?? ref;
  return {
    label: `${owner}:${branchName}`,
    ref: branchName,
    sha: shaOf(`${repo.owner}/${repo.name}@${branchName}`),
    user: simpleUser(api, owner ?? repo.owner, undefined, "Organization"),
    repo: repository(api, repo),
  };
}

/** `pull-request` (with the counts) when `full`, else `pull-request-simple`. */
export function pullRequest(api: string, p: PullRecord, full: boolean): Record<string, unknown> {
  const repo = repoFactsOf(p.repo, p.created_at);
  const u = `${api}/repos/${p.repo}/pulls/${p.number}`;
  const issue = `${api}/repos/${p.repo}/issues/${p.number}`;
  const html = `${WEB}/${p.repo}/pull/${p.number}`;
  const user = simpleUser(api, p.user, undefined, "User");
  const out: Record<string, unknown> = {
    url: u,
    id: p.id,
    node_id: p.node_id,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${u}/commits`,
    review_comments_url: `${u}/comments`,
    review_comment_url: `${api}/repos/${p.repo}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${api}/repos/${p.repo}/statuses/${shaOf(`${p.repo}@${p.head}`)}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user,
    body: p.body,
    labels: p.labels.map((l) => label(api, p.repo, l)),
    milestone: null,
    active_lock_reason: null,
    created_at: p.created_at,
    updated_at: p.updated_at,
    closed_at: p.closed_at,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branch(api, p.head, repo),
    base: branch(api, p.base, repo),
    _links: {
      self: { href: u },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${u}/comments` },
      review_comment: { href: `${api}/repos/${p.repo}/pulls/comments{/number}` },
      commits: { href: `${u}/commits` },
      statuses: { href: `${api}/repos/${p.repo}/statuses/${shaOf(p.head)}` },
    },
    author_association: "CONTRIBUTOR",
    auto_merge:
      p.autoMerge === null
        ? null
        : {
            enabled_by: user,
            merge_method: p.autoMerge.mergeMethod.toLowerCase(),
            commit_title: p.title,
            commit_message: "",
          },
    draft: p.draft,
  };
  if (!full) return out;
  return {
    ...out,
    merged: false,
    mergeable: true,
    rebaseable: true,
    mergeable_state: "clean",
    merged_by: null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

export function issue(api: string, i: IssueRecord, comments: number, pull?: PullRecord): Record<string, unknown> {
  const u = `${api}/repos/${i.repo}/issues/${i.number}`;
  const out: Record<string, unknown> = {
    id: i.id,
    node_id: i.node_id,
    url: u,
    repository_url: `${api}/repos/${i.repo}`,
    labels_url: `${u}/labels{/name}`,
    comments_url: `${u}/comments`,
    events_url: `${u}/events`,
    html_url: `${WEB}/${i.repo}/${pull === undefined ? "issues" : "pull"}/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state_reason,
    title: i.title,
    body: i.body,
    user: simpleUser(api, i.user, undefined, "User"),
    labels: i.labels.map((l) => label(api, i.repo, l)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments,
    closed_at: i.closed_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    author_association: "CONTRIBUTOR",
  };
  if (pull !== undefined)
    out.pull_request = {
      url: `${api}/repos/${i.repo}/pulls/${i.number}`,
      html_url: `${WEB}/${i.repo}/pull/${i.number}`,
      diff_url: `${WEB}/${i.repo}/pull/${i.number}.diff`,
      patch_url: `${WEB}/${i.repo}/pull/${i.number}.patch`,
      merged_at: null,
    };
  return out;
}

export function comment(api: string, c: CommentRecord): Record<string, unknown> {
  return {
    id: c.id,
    node_id: nodeId("IssueComment", c.id),
    url: `${api}/repos/${c.repo}/issues/comments/${c.id}`,
    html_url: `${WEB}/${c.repo}/issues/${c.issue_number}#issuecomment-${c.id}`,
    issue_url: `${api}/repos/${c.repo}/issues/${c.issue_number}`,
    body: c.body,
    user: simpleUser(api, c.user, undefined, "User"),
    created_at: c.created_at,
    updated_at: c.created_at,
    author_association: "CONTRIBUTOR",
  };
}
