/** One Skills run: courses, then per template course its forks and its template-generated learner repos. */
import type { Row } from "../../shared/format.ts";
import type { Progress } from "../../sync-core/src/source.ts";
import type { RateBudget } from "./budget.ts";
import type { GitHubClient } from "./client.ts";
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
}): Promise<SkillsResult> {
  const repos = await fetchCourses(opts.client);
  const courses = repos.map(courseRow);
  const templates = repos.filter((r) => r.is_template === true).sort((a, b) => (a.name < b.name ? -1 : 1));
  const old = (course: string, method: string) =>
    opts.existingEnrollments.filter((r) => r.course === course && r.method === method);
  const enrollments: Row[] = [];
  const to = opts.now.toISOString().slice(0, 10);
  let done = 0;
  let forksUnchanged = 0;
  let searched = 0;
  for (const course of templates) {
    if (opts.budget.exhausted()) {
      enrollments.push(...old(course.name, "fork"), ...old(course.name, "template"));
      continue;
    }
    const forks = await fetchForks(opts.client, course.name, opts.state);
    if (forks === "unchanged") {
      forksUnchanged++;
      enrollments.push(...old(course.name, "fork"));
    } else {
      enrollments.push(...forks.map((f) => enrollmentRow(f, course.name, "fork")));
    }
    if (opts.searchTemplates === false) {
      enrollments.push(...old(course.name, "template"));
    } else {
      const from = (course.created_at ?? "2019-01-01").slice(0, 10);
      const learners = await fetchTemplateLearners(opts.client, course.name, from, to, opts.state);
      enrollments.push(...learners.map((l) => enrollmentRow(l, course.name, "template")));
      searched++;
    }
    done++;
  }
  const partial =
    done < templates.length ? { done, total: templates.length, cursor: templates[done]?.name ?? null } : undefined;
  return {
    courses,
    enrollments,
    state: opts.state,
    partial,
    details: { template_courses: templates.length, forks_unchanged: forksUnchanged, courses_searched: searched },
  };
}
