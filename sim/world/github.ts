/** The GitHub upstream view as of now: Copilot reports, public events, Skills courses and learner repositories. */

import { SKILLS_COURSES } from "./catalog.ts";
import { copilotModel } from "./copilot.ts";
import { crowdForks } from "./crowd.ts";
import type { Population } from "./population.ts";
import { TIMELINE } from "./scales.ts";
import { type EventFact, eventFacts, type LearnerRepoFact, learnerRepoFacts } from "./social.ts";
import { DAY, isoSec, ms } from "./time.ts";
import type { GitHubEvent, GitHubUpstream, LearnerRepo, SkillsCourseRepo } from "./types.ts";

/** Id of the course repository skills/<course>. */
export function courseRepoId(course: string): number {
  return 700_000_000 + SKILLS_COURSES.findIndex((c) => c.name === course);
}

/** pushed_at of a learner repo as of now: the last push not after now, else its creation (GitHub sets it then). */
export function pushedAsOf(r: LearnerRepoFact, now: number): number {
  let p = r.createdAt;
  for (const t of r.pushes) if (t <= now) p = t;
  return p;
}

function payload(e: EventFact): Record<string, unknown> {
  const n = Number(e.id.slice(-4));
  switch (e.type) {
    case "PushEvent":
      return { repository_id: e.repoId, push_id: Number(e.id.slice(0, 12)), ref: "refs/heads/main", size: 1 + (n % 3) };
    case "CreateEvent":
      return { ref: null, ref_type: "repository", master_branch: "main", pusher_type: "user" };
    case "DeleteEvent":
      return { ref: `feature-${n % 50}`, ref_type: "branch", pusher_type: "user" };
    case "PullRequestEvent":
    case "PullRequestReviewEvent":
      return { action: e.type === "PullRequestEvent" ? "opened" : "created", number: 1 + (n % 200) };
    case "IssuesEvent":
    case "IssueCommentEvent":
      return { action: e.type === "IssuesEvent" ? "opened" : "created", issue: { number: 1 + (n % 300) } };
    case "WatchEvent":
      return { action: "started" };
    case "ForkEvent":
      return { forkee: { full_name: `${e.repoName.split("/")[1] ?? "fork"}` } };
    case "ReleaseEvent":
      return { action: "published", release: { tag_name: `v1.${n % 20}.0` } };
    default:
      return {};
  }
}

export interface GitHubView extends GitHubUpstream {
  /** Skills learner repositories of a person over the whole timeline (facts), for the goldens */
  repos(index: number): readonly LearnerRepoFact[];
  /** public events of a person over the whole timeline, oldest first (facts), for the goldens */
  events(index: number): readonly EventFact[];
}

export function githubUpstream(pop: Population, org: string): GitHubView {
  const copilot = copilotModel(pop, org);
  const repoCache = new Map<number, readonly LearnerRepoFact[]>();
  const repoFacts = (i: number): readonly LearnerRepoFact[] => {
    let r = repoCache.get(i);
    if (!r) {
      r = learnerRepoFacts(pop.seed, pop.core(i));
      repoCache.set(i, r);
    }
    return r;
  };
  // one login's events at a time (the goldens walk logins in order; the simulator asks login by login)
  let lastEvents: { i: number; events: readonly EventFact[] } | undefined;
  const eventsOf = (i: number): readonly EventFact[] => {
    if (lastEvents?.i !== i) lastEvents = { i, events: eventFacts(pop.seed, pop.core(i), repoFacts(i)) };
    return lastEvents.events;
  };
  let loginList: string[] | undefined;
  let repos: LearnerRepo[] | undefined;
  const allRepos = (): LearnerRepo[] => {
    if (!repos) {
      repos = [];
      for (const i of pop.loginIndexes()) {
        for (const r of repoFacts(i)) {
          if (r.createdAt > pop.now) continue;
          const p = pushedAsOf(r, pop.now);
          repos.push({
            id: r.id,
            owner: r.owner,
            name: r.name,
            course: r.course,
            method: r.method,
            private: r.private,
            created_at: isoSec(r.createdAt),
            pushed_at: isoSec(p),
          });
        }
      }
      repos.push(...crowdForks(pop.seed, pop.now));
      repos.sort((a, b) => cmp(`${a.owner}/${a.name}`, `${b.owner}/${b.name}`));
    }
    return repos;
  };
  return {
    org,
    copilotFirstDay: TIMELINE.copilotFirstDay,
    copilotOrgRecord: (day) => copilot.orgRecord(day),
    copilotUserRecords: (day) => copilot.userRecords(day),
    repos: repoFacts,
    events: eventsOf,
    logins() {
      if (!loginList) {
        loginList = [];
        for (const i of pop.loginIndexes()) {
          const first = eventsOf(i)[0];
          const login = pop.core(i).login;
          if (first && first.t <= pop.now && login) loginList.push(login);
        }
        loginList.sort(cmp);
      }
      return loginList;
    },
    publicEvents(login) {
      const i = pop.byLogin(login);
      if (i < 0) return [];
      const core = pop.core(i);
      if (core.login === null || core.githubId === null) return [];
      const actor = { id: core.githubId, login: core.login };
      const out: GitHubEvent[] = [];
      const events = eventsOf(i);
      for (let k = events.length - 1; k >= 0; k--) {
        const e = events[k];
        if (!e || e.t > pop.now) continue;
        out.push({
          id: e.id,
          type: e.type,
          actor,
          repo: { id: e.repoId, name: e.repoName },
          payload: payload(e),
          public: true,
          created_at: isoSec(e.t),
        });
      }
      return out;
    },
    skillsCourses() {
      const forks = new Map<string, number>();
      for (const r of allRepos()) if (r.method === "fork") forks.set(r.course, (forks.get(r.course) ?? 0) + 1);
      const out: SkillsCourseRepo[] = [];
      for (const c of SKILLS_COURSES) {
        const created = ms(c.created);
        if (created > pop.now) continue;
        const archivedAt = c.archivedOn === undefined ? Number.POSITIVE_INFINITY : ms(c.archivedOn);
        const lastPush = Math.min(pop.now, archivedAt);
        const pushed = created + Math.floor((lastPush - created) / (45 * DAY)) * 45 * DAY;
        const days = Math.floor((pop.now - created) / DAY);
        out.push({
          id: courseRepoId(c.name),
          name: c.name,
          description: c.title,
          is_template: c.template,
          archived: archivedAt <= pop.now,
          topics: [...c.topics].sort(),
          stargazers_count: Math.round(c.popularity * days * 0.9 * Math.max(1, pop.scale.people / 2000)),
          forks_count: forks.get(c.name) ?? 0,
          created_at: isoSec(created),
          updated_at: isoSec(Math.max(pushed, archivedAt <= pop.now ? archivedAt : 0)),
          pushed_at: isoSec(pushed),
        });
      }
      return out.sort((a, b) => cmp(a.name, b.name));
    },
    learnerRepos: () => allRepos(),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
