/**
 * GitHub Skills: courses are template repositories of the `skills` org; learners start a course either by forking
 * it or — now the usual way — by generating a repository from the template. GitHub lists no repositories generated
 * from a template, so candidates come from repository search for the course's default learner repository name
 * (`skills-<course>`), split by `created:` ranges to stay under search's 1,000-result cap, and each candidate is
 * confirmed once with GET /repos/{owner}/{repo} → template_repository (confirmations are cached in the state).
 * Private learner repositories cannot be seen at all.
 */
import type { Row } from "../../shared/format.ts";
import type { SkillsStateFile } from "../../shared/state.ts";
import type { GitHubClient } from "./client.ts";
import { statusOf } from "./client.ts";

export const SKILLS_ORG = "skills";

interface RepoLike {
  name: string;
  full_name?: string;
  description?: string | null;
  is_template?: boolean;
  archived?: boolean;
  topics?: string[];
  stargazers_count?: number;
  forks_count?: number;
  created_at?: string | null;
  pushed_at?: string | null;
  owner?: { login: string } | null;
  template_repository?: { full_name: string } | null;
}

const ts = (s: string | null | undefined): string | null => (s ? `${s.slice(0, 19)}Z` : null);

export function courseRow(r: RepoLike): Row {
  const topics = [...(r.topics ?? [])].sort();
  return {
    course: r.name,
    title: r.description ?? null,
    is_template: r.is_template === true,
    archived: r.archived === true,
    topics: topics.length ? topics.join(";") : null,
    stargazers: r.stargazers_count ?? 0,
    forks: r.forks_count ?? 0,
    created_at: ts(r.created_at),
  };
}

export function enrollmentRow(r: RepoLike, course: string, method: "fork" | "template"): Row {
  const owner = r.owner?.login ?? r.full_name?.split("/")[0] ?? "";
  return {
    repository: `${owner}/${r.name}`,
    owner,
    course,
    method,
    created_at: ts(r.created_at),
    pushed_at: ts(r.pushed_at),
  };
}

export async function fetchCourses(client: GitHubClient): Promise<RepoLike[]> {
  return (await client.paginate("GET /orgs/{org}/repos", {
    org: SKILLS_ORG,
    per_page: 100,
    type: "public",
  })) as RepoLike[];
}

/** The committed Skills state (data/state/skills.json), updated in place by a run. */
export type SkillsState = SkillsStateFile;

/** Forks of one course, or "unchanged" when the first page answers 304 to the stored ETag. */
export async function fetchForks(
  client: GitHubClient,
  course: string,
  state: SkillsState,
): Promise<RepoLike[] | "unchanged"> {
  const etag = state.forks_etags[course];
  let first: { data: unknown; headers: Record<string, string | undefined> };
  try {
    first = (await client.request("GET /repos/{owner}/{repo}/forks", {
      owner: SKILLS_ORG,
      repo: course,
      per_page: 100,
      sort: "oldest",
      headers: etag ? { "if-none-match": etag } : {},
    })) as unknown as { data: unknown; headers: Record<string, string | undefined> };
  } catch (err) {
    if (statusOf(err) === 304) return "unchanged";
    throw err;
  }
  const all = [...(first.data as RepoLike[])];
  if (first.headers.etag) state.forks_etags[course] = first.headers.etag;
  if (/rel="next"/.test(first.headers.link ?? "")) {
    const rest = (await client.paginate("GET /repos/{owner}/{repo}/forks", {
      owner: SKILLS_ORG,
      repo: course,
      per_page: 100,
      sort: "oldest",
      page: 2,
    })) as RepoLike[];
    all.push(...rest);
  }
  return all;
}

/** Template-generated candidates for a course, found by name search in created: ranges, then confirmed (cached). */
export async function fetchTemplateLearners(
  client: GitHubClient,
  course: string,
  from: string,
  to: string,
  state: SkillsState,
): Promise<RepoLike[]> {
  const found: RepoLike[] = [];
  const ranges: [string, string][] = [[from, to]];
  while (ranges.length) {
    const range = ranges.shift();
    if (!range) break;
    const q = `skills-${course} in:name fork:false created:${range[0]}..${range[1]}`;
    const first = (await client.request("GET /search/repositories", { q, per_page: 100 })) as unknown as {
      data: { total_count: number; items: RepoLike[] };
      headers: Record<string, string | undefined>;
    };
    if (first.data.total_count > 1000 && range[0] < range[1]) {
      const mid = new Date((Date.parse(range[0]) + Date.parse(range[1])) / 2).toISOString().slice(0, 10);
      const next = new Date(Date.parse(mid) + 86_400_000).toISOString().slice(0, 10);
      ranges.unshift([range[0], mid], [next, range[1]]);
      continue;
    }
    found.push(...first.data.items);
    if (/rel="next"/.test(first.headers.link ?? "")) {
      found.push(...((await client.paginate("GET /search/repositories", { q, per_page: 100, page: 2 })) as RepoLike[]));
    }
  }
  const out: RepoLike[] = [];
  for (const c of found) {
    const full = c.full_name ?? `${c.owner?.login}/${c.name}`;
    let course_ = state.confirmed[full];
    if (course_ === undefined) {
      const [owner = "", repo = ""] = full.split("/");
      try {
        const r = (await client.request("GET /repos/{owner}/{repo}", { owner, repo })) as unknown as { data: RepoLike };
        const t = r.data.template_repository?.full_name ?? "";
        course_ = t.startsWith(`${SKILLS_ORG}/`) ? t.slice(SKILLS_ORG.length + 1) : "";
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
        course_ = "";
      }
      state.confirmed[full] = course_;
    }
    if (course_ === course) out.push(c);
  }
  return out;
}
