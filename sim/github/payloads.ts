/**
 * Event payloads on the wire. The world stores the facts of an event (`ref`, `action`, an issue or PR number…);
 * GitHub sends each payload in the shape its type's schema requires (`push-event`, `issues-event`, …). This module
 * completes the world's payload with the derived fields; fields the world gives are kept as they are.
 */
import type { GitHubEvent } from "../world/types.ts";
import { nodeId, type RepoFacts, repository, simpleUser, userId, WEB } from "./shapes.ts";
import type { IssueRecord } from "./types.ts";
import { comment, issue, shaOf } from "./write-shapes.ts";

type Payload = Readonly<Record<string, unknown>>;

const obj = (v: unknown): Payload => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Payload) : {});
const num = (v: unknown, d: number): number => (typeof v === "number" ? v : d);
const text = (v: unknown, d: string): string => (typeof v === "string" ? v : d);

function fullRef(ref: unknown, refType: unknown): string {
  if (typeof ref !== "string") return "";
  return refType === "tag" ? `refs/tags/${ref}` : `refs/heads/${ref}`;
}

function issueOf(api: string, e: GitHubEvent, facts: Payload): Record<string, unknown> {
  const n = num(facts.number, 1);
  const id = num(facts.id, userId(`${e.repo.name}#issue#${n}`));
  const rec: IssueRecord = {
    id,
    node_id: nodeId("Issue", id),
    repo: e.repo.name,
    number: n,
    title: text(facts.title, `Issue ${n}`),
    body: null,
    state: facts.state === "closed" ? "closed" : "open",
    state_reason: null,
    labels: [],
    user: e.actor.login,
    created_at: e.created_at,
    updated_at: e.created_at,
    closed_at: facts.state === "closed" ? e.created_at : null,
  };
  return { ...issue(api, rec, num(facts.comments, 0)), ...facts };
}

function pullOf(api: string, e: GitHubEvent, n: number, facts: Payload): Record<string, unknown> {
  const repo = { id: e.repo.id, url: `${api}/repos/${e.repo.name}`, name: e.repo.name };
  return {
    id: userId(`${e.repo.name}#pull#${n}`),
    number: n,
    url: `${api}/repos/${e.repo.name}/pulls/${n}`,
    head: { ref: `patch-${n}`, sha: shaOf(`${e.repo.name}#${n}#head`), repo },
    base: { ref: "main", sha: shaOf(`${e.repo.name}#${n}#base`), repo },
    ...facts,
  };
}

function release(api: string, e: GitHubEvent, facts: Payload): Record<string, unknown> {
  const tag = text(facts.tag_name, "v1.0.0");
  const id = userId(`${e.repo.name}#release#${tag}`);
  const u = `${api}/repos/${e.repo.name}/releases/${id}`;
  return {
    url: u,
    html_url: `${WEB}/${e.repo.name}/releases/tag/${tag}`,
    assets_url: `${u}/assets`,
    upload_url: `https://uploads.github.com/repos/${e.repo.name}/releases/${id}/assets{?name,label}`,
    tarball_url: `${api}/repos/${e.repo.name}/tarball/${tag}`,
    zipball_url: `${api}/repos/${e.repo.name}/zipball/${tag}`,
    id,
    node_id: nodeId("Release", id),
    tag_name: tag,
    target_commitish: "main",
    name: tag,
    body: null,
    draft: false,
    prerelease: false,
    created_at: e.created_at,
    published_at: e.created_at,
    author: simpleUser(api, e.actor.login, e.actor.id),
    assets: [],
    ...facts,
  };
}

function forkee(api: string, e: GitHubEvent, facts: Payload): Record<string, unknown> {
  const full = text(facts.full_name, e.repo.name);
  const name = full.includes("/") ? (full.split("/")[1] ?? full) : full;
  const r: RepoFacts = {
    id: num(facts.id, userId(`${e.actor.login}/${name}`)),
    owner: e.actor.login,
    ownerType: "User",
    name,
    description: null,
    private: false,
    fork: true,
    is_template: false,
    archived: false,
    topics: [],
    stargazers_count: 0,
    forks_count: 0,
    created_at: e.created_at,
    updated_at: e.created_at,
    pushed_at: e.created_at,
  };
  return { ...repository(api, r), public: true };
}

/** The payload of `e` in the shape of its type's schema. */
export function completePayload(api: string, e: GitHubEvent): Payload {
  const p = e.payload;
  switch (e.type) {
    case "PushEvent": {
      const push = num(p.push_id, 0);
      return { head: shaOf(`${e.repo.name}#${push}`), before: shaOf(`${e.repo.name}#${push - 1}`), ...p };
    }
    case "CreateEvent":
      return { full_ref: fullRef(p.ref, p.ref_type), description: null, ...p };
    case "DeleteEvent":
      return { full_ref: fullRef(p.ref, p.ref_type), ...p };
    case "ForkEvent":
      return { action: "forked", ...p, forkee: forkee(api, e, obj(p.forkee)) };
    case "IssuesEvent":
      return { ...p, issue: issueOf(api, e, obj(p.issue)) };
    case "IssueCommentEvent": {
      const iss = issueOf(api, e, obj(p.issue));
      const id = num(obj(p.comment).id, userId(`${e.id}#comment`));
      const body = text(obj(p.comment).body, "Comment");
      const c = {
        id,
        repo: e.repo.name,
        issue_number: num(iss.number, 1),
        body,
        user: e.actor.login,
        created_at: e.created_at,
      };
      return { ...p, issue: iss, comment: { ...comment(api, c), ...obj(p.comment) } };
    }
    case "PullRequestEvent":
    case "PullRequestReviewEvent":
    case "PullRequestReviewCommentEvent": {
      const pr = obj(p.pull_request);
      const n = num(p.number, num(pr.number, 1));
      const extra =
        e.type === "PullRequestReviewEvent"
          ? {
              review: { id: userId(`${e.id}#review`), state: "approved", submitted_at: e.created_at, ...obj(p.review) },
            }
          : e.type === "PullRequestReviewCommentEvent"
            ? { comment: { id: userId(`${e.id}#comment`), body: "LGTM", ...obj(p.comment) } }
            : {};
      return { ...p, ...extra, number: n, pull_request: pullOf(api, e, n, pr) };
    }
    case "ReleaseEvent":
      return { ...p, release: release(api, e, obj(p.release)) };
    case "MemberEvent":
      return { action: "added", ...p, member: simpleUser(api, text(obj(p.member).login, e.actor.login)) };
    default:
      return p;
  }
}
