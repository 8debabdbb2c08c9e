/** One Skills run: courses, then per template course its forks and its template-generated learner repos. */
import type { Row } from "#core/format.ts";
import type { Progress } from "../../sync-core/src/source.ts";
import type { RateBudget } from "./budget.ts";
import { type GitHubClient, isPrimaryLimit, isSecondaryLimit } from "./client.ts";
import {
  courseRow,
  enrollmentRow,
  fetchCourses,
  fetchForks,
  fetchTemplateLearners,
  type SkillsState,
} from "./skills.ts";

/** A template search younger than this is not repeated (the nightly cadence is 24 h). */
export const SEARCH_INTERVAL_MS = 12 * 3_600_000;

/**
 * Whether this run searches for template-generated learner repositories: yes unless the previous run of
 * skills_enrollments completed (ok/unchanged) less than SEARCH_INTERVAL_MS before `now`.
 */
export function shouldSearch(
  previous: { readonly status: string; readonly last_success_at: string | null } | undefined,
  now: Date,
): boolean {
  if (!previous?.last_success_at || (previous.status !== "ok" && previous.status !== "unchanged")) return true;
  const age = now.getTime() - Date.parse(previous.last_success_at);
  return !(age >= 0 && age < SEARCH_INTERVAL_MS);
}

export interface SkillsResult {
  readonly courses: Row[];
  readonly enrollments: Row[];
  readonly state: SkillsState;
  readonly partial: Progress | undefined;
  readonly details: Record<string, number>;
}

export async function syncSkills(opts: {
  client: GitHubClient;
  now: Date;
  state: SkillsState;
  existingEnrollments: readonly Row[];
  budget: RateBudget;
  /**
   * false: keep the template learners found by the last search (a search ran less than SEARCH_INTERVAL_MS ago);
   * repository search has its own 30/minute limit, so back-to-back runs do not repeat it
   */
  searchTemplates?: boolean;
  /** progress and warnings (the run's log) */
  log?: (message: string) => void;
}): Promise<SkillsResult> {
  const repos = await fetchCourses(opts.client);
  const courses = repos.map(courseRow);
  const templates = repos.filter((r) => r.is_template === true).sort((a, b) => (a.name < b.name ? -1 : 1));
  const old = (course: string, method: string) =>
    opts.existingEnrollments.filter((r) => r.course === course && r.method === method);
  const enrollments: Row[] = [];
  const to = opts.now.toISOString().slice(0, 10);
  const key = (repository: unknown) => String(repository).toLowerCase();
  let done = 0;
  let forksUnchanged = 0;
  let forkPages = 0;
  let searched = 0;
  let stopped = false;
  const incomplete: string[] = [];
  for (const course of templates) {
    if (stopped || opts.budget.exhausted()) {
      enrollments.push(...old(course.name, "fork"), ...old(course.name, "template"));
      continue;
    }
    const oldForks = old(course.name, "fork");
    try {
      const known = new Set(oldForks.map((r) => key(r.repository)));
      const forks = await fetchForks(opts.client, course.name, opts.state, known, () => opts.budget.exhausted());
      const rows: Row[] = [];
      if (forks === "unchanged") {
        forksUnchanged++;
        rows.push(...oldForks);
      } else {
        forkPages += forks.pages;
        const fresh = forks.listed.map((f) => enrollmentRow(f, course.name, "fork"));
        const seen = new Set(fresh.map((r) => key(r.repository)));
        // not the whole list (stopped at a recorded fork, or cut by the budget): the older forks were not listed
        // again and keep their recorded rows
        rows.push(...fresh, ...(forks.whole ? [] : oldForks.filter((r) => !seen.has(key(r.repository)))));
        if (!forks.finished) {
          opts.log?.(`skills: forks of ${course.name} listed in part (budget); the next run goes on from there`);
          enrollments.push(...rows, ...old(course.name, "template"));
          stopped = true;
          continue;
        }
      }
      if (opts.searchTemplates === false) {
        rows.push(...old(course.name, "template"));
      } else {
        const from = (course.created_at ?? "2019-01-01").slice(0, 10);
        const scan = await fetchTemplateLearners(opts.client, course.name, from, to, opts.state);
        const fresh = scan.learners.map((l) => enrollmentRow(l, course.name, "template"));
        if (scan.incomplete) {
          // an incomplete search may have missed learners: keep those recorded before, add what was found
          const seen = new Set(fresh.map((r) => key(r.repository)));
          fresh.push(...old(course.name, "template").filter((r) => !seen.has(key(r.repository))));
          incomplete.push(course.name);
          opts.log?.(`skills: search for ${course.name} stayed incomplete after retries; dataset partial`);
        }
        rows.push(...fresh);
        searched++;
      }
      enrollments.push(...rows);
      done++;
    } catch (err) {
      // a rate limit still in force after the client's back-off: keep this and the remaining courses as recorded,
      // the run is partial and the next one starts over
      if (!isPrimaryLimit(err) && !isSecondaryLimit(err)) throw err;
      opts.log?.(`skills: rate limited at ${course.name}; keeping recorded rows for the remaining courses`);
      enrollments.push(...oldForks, ...old(course.name, "template"));
      stopped = true;
    }
  }
  const cursor = templates[done]?.name ?? null;
  const partial =
    done < templates.length
      ? { done, total: templates.length, cursor }
      : incomplete.length > 0
        ? { done: templates.length - incomplete.length, total: templates.length, cursor: incomplete.join(";") }
        : undefined;
  return {
    courses,
    enrollments,
    state: opts.state,
    partial,
    details: {
      template_courses: templates.length,
      forks_unchanged: forksUnchanged,
      fork_pages: forkPages,
      courses_searched: searched,
      searches_incomplete: incomplete.length,
    },
  };
}
