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
    const from = (course.created_at ?? "2019-01-01").slice(0, 10);
    const learners = await fetchTemplateLearners(opts.client, course.name, from, to, opts.state);
    enrollments.push(...learners.map((l) => enrollmentRow(l, course.name, "template")));
    done++;
  }
  const partial =
    done < templates.length ? { done, total: templates.length, cursor: templates[done]?.name ?? null } : undefined;
  return {
    courses,
    enrollments,
    state: opts.state,
    partial,
    details: { template_courses: templates.length, forks_unchanged: forksUnchanged },
  };
}
