/**
 * GitHub Skills: courses are template repositories of the `skills` org; learners start a course either by forking
 * it or — now the usual way — by generating a repository from the template. GitHub lists no repositories generated
 * from a template, so candidates come from repository search for the course's default learner repository name
 * (`skills-<course>`), split by `created:` ranges to stay under search's 1,000-result cap, and each candidate is
 * confirmed once with GET /repos/{owner}/{repo} → template_repository (confirmations are cached in the state).
 * Private learner repositories cannot be seen at all. A search answered `incomplete_results: true` is retried, then
 * reported (the course's dataset is `partial`, never silently complete). Forks are listed newest first (fetchForks).
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

type Page<T> = { data: T; headers: Record<string, string | undefined> };

/** What one course's fork listing found. */
export interface ForkScan {
  /** forks listed this run, newest first */
  readonly listed: RepoLike[];
  /** true when the walk stopped at an already known fork: older forks were not listed again (keep them) */
  readonly reachedKnown: boolean;
  readonly pages: number;
}

const fullName = (r: RepoLike): string => (r.full_name ?? `${r.owner?.login ?? ""}/${r.name}`).toLowerCase();

/**
 * Forks of one course, newest first (`sort=newest`): a new fork always lands on page 1, so page 1 is asked with the
 * stored ETag and a 304 means no fork was added ("unchanged", free of rate limit). Otherwise pages are walked until
 * one holds a fork that is already known (everything after it is older, hence known) or the listing ends.
 * `known` holds the lower-cased `owner/name` of the forks already recorded for the course.
 */
export async function fetchForks(
  client: GitHubClient,
  course: string,
  state: SkillsState,
  known: ReadonlySet<string> = new Set(),
): Promise<ForkScan | "unchanged"> {
  const listed: RepoLike[] = [];
  for (let page = 1; ; page++) {
    const etag = page === 1 ? state.forks_etags[course] : undefined;
    let res: Page<RepoLike[]>;
    try {
      res = (await client.request("GET /repos/{owner}/{repo}/forks", {
        owner: SKILLS_ORG,
        repo: course,
        per_page: 100,
        sort: "newest",
        page,
        headers: etag ? { "if-none-match": etag } : {},
      })) as unknown as Page<RepoLike[]>;
    } catch (err) {
      if (page === 1 && statusOf(err) === 304) return "unchanged";
      throw err;
    }
    if (page === 1 && res.headers.etag) state.forks_etags[course] = res.headers.etag;
    listed.push(...res.data);
    if (res.data.some((f) => known.has(fullName(f)))) return { listed, reachedKnown: true, pages: page };
    if (!/rel="next"/.test(res.headers.link ?? "") || res.data.length === 0)
      return { listed, reachedKnown: false, pages: page };
  }
}

type SearchPage = Page<{ total_count: number; incomplete_results?: boolean; items: RepoLike[] }>;

/** How often a search page answered `incomplete_results: true` is asked again before the course counts as partial. */
export const INCOMPLETE_RETRIES = 2;

/**
 * One search page; a page GitHub marks `incomplete_results: true` (the search timed out: some matches are missing)
 * is asked again up to INCOMPLETE_RETRIES times, then returned still marked.
 */
async function searchPage(client: GitHubClient, q: string, page: number): Promise<SearchPage> {
  for (let attempt = 0; ; attempt++) {
    const res = (await client.request("GET /search/repositories", {
      q,
      per_page: 100,
      page,
    })) as unknown as SearchPage;
    if (res.data.incomplete_results !== true || attempt >= INCOMPLETE_RETRIES) return res;
  }
}

/** What the template search found for a course; `incomplete`: some page stayed incomplete after its retries. */
export interface TemplateScan {
  readonly learners: RepoLike[];
  readonly incomplete: boolean;
}

/** Template-generated candidates for a course, found by name search in created: ranges, then confirmed (cached). */
export async function fetchTemplateLearners(
  client: GitHubClient,
  course: string,
  from: string,
  to: string,
  state: SkillsState,
): Promise<TemplateScan> {
  const found: RepoLike[] = [];
  let incomplete = false;
  const ranges: [string, string][] = [[from, to]];
  while (ranges.length) {
    const range = ranges.shift();
    if (!range) break;
    const q = `skills-${course} in:name fork:false created:${range[0]}..${range[1]}`;
    const first = await searchPage(client, q, 1);
    if (first.data.total_count > 1000 && range[0] < range[1]) {
      const mid = new Date((Date.parse(range[0]) + Date.parse(range[1])) / 2).toISOString().slice(0, 10);
      const next = new Date(Date.parse(mid) + 86_400_000).toISOString().slice(0, 10);
      ranges.unshift([range[0], mid], [next, range[1]]);
      continue;
    }
    let res = first;
    for (let page = 1; ; page++) {
      if (page > 1) res = await searchPage(client, q, page);
      if (res.data.incomplete_results === true) incomplete = true;
      found.push(...res.data.items);
      if (!/rel="next"/.test(res.headers.link ?? "") || res.data.items.length === 0) break;
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
  return { learners: out, incomplete };
}
