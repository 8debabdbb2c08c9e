/**
 * GitHub Skills: courses are template repositories of the `skills` org; learners start a course either by forking
 * it or — now the usual way — by generating a repository from the template. GitHub lists no repositories generated
 * from a template, so candidates come from repository search for the course's default learner repository name
 * (`skills-<course>`), split by `created:` ranges to stay under search's 1,000-result cap, and each candidate is
 * confirmed once with GET /repos/{owner}/{repo} → template_repository (confirmations are cached in the state).
 * Private learner repositories cannot be seen at all. A search answered `incomplete_results: true` is retried, then
 * reported (the course's dataset is `partial`, never silently complete). Forks are listed newest first (fetchForks).
 */
import type { Row } from "#core/format.ts";
import type { SkillsStateFile } from "#core/state.ts";
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
  /**
   * true when the listing is the course's whole fork list (walked to its end from page 1 without meeting a recorded
   * fork): the recorded rows can be replaced by it. Otherwise the recorded rows are kept beside what was listed.
   */
  readonly whole: boolean;
  /** false when the run's budget ended the walk: `state.forks_backfill` holds the page where the next run goes on */
  readonly finished: boolean;
  readonly pages: number;
}

const fullName = (r: RepoLike): string => (r.full_name ?? `${r.owner?.login ?? ""}/${r.name}`).toLowerCase();

/**
 * Forks of one course, newest first (`sort=newest`, GitHub's default): a new fork always lands on page 1, so page 1
 * is asked with the stored ETag and a 304 means no fork was added (free of rate limit). Otherwise pages are walked
 * until one holds a fork that is already recorded (everything after it is older, hence recorded) or the listing
 * ends. A walk the budget cuts short (`stop()`) saves its next page in `state.forks_backfill`; the next run, after
 * its own head walk, goes on from there (one page earlier per 100 forks added since, so none slips between pages)
 * until the listing ends. `known` holds the lower-cased `owner/name` of the forks already recorded for the course.
 */
export async function fetchForks(
  client: GitHubClient,
  course: string,
  state: SkillsState,
  known: ReadonlySet<string> = new Set(),
  stop: () => boolean = () => false,
): Promise<ForkScan | "unchanged"> {
  const listed: RepoLike[] = [];
  let pages = 0;
  /** walks from `first` on; "stopped" when the budget ended it, "known" at a recorded fork, "end" at the last page */
  const walk = async (first: number, untilKnown: boolean): Promise<"stopped" | "known" | "end" | "unchanged"> => {
    for (let page = first; ; page++) {
      if (page > first && stop()) {
        state.forks_backfill = { ...state.forks_backfill, [course]: page };
        return "stopped";
      }
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
      pages++;
      if (page === 1 && res.headers.etag) state.forks_etags[course] = res.headers.etag;
      listed.push(...res.data);
      if (untilKnown && res.data.some((f) => known.has(fullName(f)))) return "known";
      if (!/rel="next"/.test(res.headers.link ?? "") || res.data.length === 0) return "end";
    }
  };
  const pending = state.forks_backfill?.[course];
  const head = await walk(1, true);
  if (head === "stopped") return { listed, whole: false, finished: false, pages };
  if (pending === undefined) {
    if (head === "unchanged") return "unchanged";
    return { listed, whole: head === "end", finished: true, pages };
  }
  const added = listed.filter((f) => !known.has(fullName(f))).length;
  const from = Math.max(2, pending - 1 - Math.ceil(added / 100));
  const { [course]: _done, ...others } = state.forks_backfill ?? {};
  state.forks_backfill = others;
  const tail = head === "end" ? "end" : await walk(from, false);
  return { listed, whole: false, finished: tail !== "stopped", pages };
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
