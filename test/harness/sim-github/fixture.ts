/**
 * A small hand-made GitHub upstream for the simulator's own tests (independent of the world generator):
 * `alice` has 350 events in the last 30 days (past the 300 cap), `bob` a few old and new ones, `carol` none;
 * three skills courses, 150 public forks and 20 template-generated repos of `introduction-to-github`, 5 private.
 */
import type {
  CopilotOrgRecord,
  CopilotUserRecord,
  GitHubEvent,
  GitHubUpstream,
  LearnerRepo,
  SkillsCourseRepo,
} from "../../../sim/world/types.ts";

export const FIXTURE_NOW = new Date("2026-11-24T02:00:00Z");
export const FIXTURE_ORG = "ace-org";
const HOUR = 3_600_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function userRecord(day: string, i: number): CopilotUserRecord {
  return {
    day,
    user_id: 1000 + i,
    user_login: `user${i}`,
    code_generation_activity_count: 10 + i,
    code_acceptance_activity_count: 5 + i,
    loc_added_sum: 40,
    loc_deleted_sum: 3,
    loc_suggested_to_add_sum: 60,
    loc_suggested_to_delete_sum: 4,
    user_initiated_interaction_count: 7,
    used_agent: i % 2 === 0,
    used_chat: true,
    used_cli: false,
    totals_by_ide: [{ ide: "vscode", code_generation_activity_count: 10 + i, code_acceptance_activity_count: 5 + i }],
    totals_by_feature: [
      { feature: "code_completion", code_generation_activity_count: 10 + i, code_acceptance_activity_count: 5 + i },
    ],
    totals_by_language_feature: [
      {
        language: "typescript",
        feature: "code_completion",
        code_generation_activity_count: 10 + i,
        code_acceptance_activity_count: 5 + i,
        loc_suggested_to_add_sum: 60,
        loc_added_sum: 40,
      },
    ],
    totals_by_language_model: [{ language: "typescript", model: "default", code_generation_activity_count: 10 + i }],
  };
}

function events(login: string, actorId: number, count: number, stepHours: number, now: number): GitHubEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(50_000_000_000 + actorId * 1000 - i),
    type: i % 3 === 0 ? "WatchEvent" : "PushEvent",
    actor: { id: actorId, login },
    repo: { id: 900 + (i % 4), name: `${login}/skills-introduction-to-github` },
    payload:
      i % 3 === 0
        ? { action: "started" }
        : {
            repository_id: 900 + (i % 4),
            push_id: 7_000_000 + i,
            ref: "refs/heads/main",
            head: "a".repeat(40),
            before: "b".repeat(40),
          },
    public: true,
    created_at: iso(now - (i + 1) * stepHours * HOUR),
  }));
}

const COURSES: SkillsCourseRepo[] = ["introduction-to-github", "communicate-using-markdown", "github-pages"].map(
  (name, i) => ({
    id: 500 + i,
    name,
    description: `Skills course: ${name}`,
    is_template: true,
    archived: false,
    topics: ["skills-course"],
    stargazers_count: 100 - i,
    forks_count: i === 0 ? 150 : 0,
    created_at: `2023-0${i + 1}-15T10:00:00Z`,
    updated_at: `2026-0${i + 1}-15T10:00:00Z`,
    pushed_at: `2026-0${i + 1}-15T10:00:00Z`,
  }),
);

function learners(now: number): LearnerRepo[] {
  const out: LearnerRepo[] = [];
  for (let i = 0; i < 175; i++) {
    const created = now - (i + 1) * 24 * HOUR;
    out.push({
      id: 10_000 + i,
      owner: `learner${i}`,
      name: i < 150 ? "introduction-to-github" : "skills-introduction-to-github",
      course: "introduction-to-github",
      method: i < 150 ? "fork" : "template",
      private: i >= 170,
      created_at: iso(created),
      pushed_at: i % 5 === 0 ? null : iso(created + HOUR),
    });
  }
  return out;
}

/** The fixture as seen at `now` (default {@link FIXTURE_NOW}). */
export function createFixture(now: Date = FIXTURE_NOW): { github: GitHubUpstream; now: Date } {
  const t = now.getTime();
  const yesterday = new Date(t - 24 * HOUR).toISOString().slice(0, 10);
  const ready = (day: string): boolean => day >= "2025-10-10" && day <= yesterday;
  const byLogin: Record<string, GitHubEvent[]> = {
    alice: events("alice", 11, 350, 2, t),
    bob: events("bob", 12, 20, 72, t),
    carol: [],
  };
  const repos = learners(t);
  const github: GitHubUpstream = {
    org: FIXTURE_ORG,
    copilotFirstDay: "2025-10-10",
    copilotOrgRecord: (day): CopilotOrgRecord | undefined =>
      ready(day)
        ? {
            day,
            organization_login: FIXTURE_ORG,
            day_totals: { daily_active_users: 5, weekly_active_users: 7, monthly_active_users: 9 },
          }
        : undefined,
    copilotUserRecords: (day) => (ready(day) ? Array.from({ length: 5 }, (_, i) => userRecord(day, i)) : undefined),
    logins: () => Object.keys(byLogin).sort(),
    publicEvents: (login) => byLogin[login] ?? [],
    skillsCourses: () => COURSES,
    learnerRepos: () => repos,
  };
  return { github, now };
}
