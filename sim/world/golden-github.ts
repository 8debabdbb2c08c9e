/** Goldens of the GitHub datasets and the sync state that belongs to them, rendered from the world's facts. */

import type { Row } from "#core/format.ts";
import { type ActivityState, type LoginState, repoHash, type SkillsStateFile } from "#core/state.ts";
import { lastCompleteDay } from "./copilot.ts";
import { crowdForks } from "./crowd.ts";
import type { GitHubView } from "./github.ts";
import { pushedAsOf } from "./github.ts";
import type { Population } from "./population.ts";
import { TIMELINE } from "./scales.ts";
import { DAY, isoDay, isoSec, isoWeek, ms } from "./time.ts";

function* days(now: number): Generator<string> {
  const last = lastCompleteDay(now);
  if (last === null) return;
  for (let t = ms(TIMELINE.copilotFirstDay); t <= ms(last); t += DAY) yield isoDay(t);
}

/** Days that have ended but whose report is not ready yet: the API answers 204, the CSV keeps them `not_ready`. */
function* pendingDays(now: number): Generator<string> {
  const last = lastCompleteDay(now);
  const from = last === null ? ms(TIMELINE.copilotFirstDay) : ms(last) + DAY;
  for (let t = from; t + DAY <= now && t <= ms(TIMELINE.end); t += DAY) yield isoDay(t);
}

const NOT_READY = {
  daily_active_users: null,
  weekly_active_users: null,
  monthly_active_users: null,
  engaged_users: null,
  chat_users: null,
  agent_users: null,
  cli_users: null,
  code_generation_activity_count: null,
  code_acceptance_activity_count: null,
  loc_suggested_to_add_sum: null,
  loc_added_sum: null,
  loc_deleted_sum: null,
} as const;

export function* copilotDailyRows(gh: GitHubView, now: number): Generator<Row> {
  yield* completeDailyRows(gh, now);
  yield* pendingDailyRows(gh.org, now);
}

/** The `not_ready` rows of the days that have ended but whose report is not ready yet as of now. */
export function* pendingDailyRows(org: string, now: number): Generator<Row> {
  for (const day of pendingDays(now)) yield { org, day, report_status: "not_ready", ...NOT_READY };
}

function* completeDailyRows(gh: GitHubView, now: number): Generator<Row> {
  for (const day of days(now)) {
    const org = gh.copilotOrgRecord(day);
    const users = gh.copilotUserRecords(day);
    if (!org || !users) throw new Error(`world: no Copilot report for ${day} although it is complete`);
    let engaged = 0;
    let chat = 0;
    let agent = 0;
    let cli = 0;
    const sums = { gen: 0, acc: 0, sug: 0, added: 0, deleted: 0 };
    for (const u of users) {
      if (u.user_initiated_interaction_count > 0) engaged++;
      if (u.used_chat) chat++;
      if (u.used_agent) agent++;
      if (u.used_cli) cli++;
      sums.gen += u.code_generation_activity_count;
      sums.acc += u.code_acceptance_activity_count;
      sums.sug += u.loc_suggested_to_add_sum;
      sums.added += u.loc_added_sum;
      sums.deleted += u.loc_deleted_sum;
    }
    yield {
      org: gh.org,
      day,
      report_status: "complete",
      daily_active_users: org.day_totals.daily_active_users,
      weekly_active_users: org.day_totals.weekly_active_users,
      monthly_active_users: org.day_totals.monthly_active_users,
      engaged_users: engaged,
      chat_users: chat,
      agent_users: agent,
      cli_users: cli,
      code_generation_activity_count: sums.gen,
      code_acceptance_activity_count: sums.acc,
      loc_suggested_to_add_sum: sums.sug,
      loc_added_sum: sums.added,
      loc_deleted_sum: sums.deleted,
    };
  }
}

export function* copilotLanguageRows(gh: GitHubView, now: number): Generator<Row> {
  for (const day of days(now)) {
    const per = new Map<string, { users: Set<number>; gen: number; acc: number; sug: number; added: number }>();
    for (const u of gh.copilotUserRecords(day) ?? []) {
      for (const x of u.totals_by_language_feature) {
        let a = per.get(x.language);
        if (!a) {
          a = { users: new Set(), gen: 0, acc: 0, sug: 0, added: 0 };
          per.set(x.language, a);
        }
        a.users.add(u.user_id);
        a.gen += x.code_generation_activity_count;
        a.acc += x.code_acceptance_activity_count;
        a.sug += x.loc_suggested_to_add_sum;
        a.added += x.loc_added_sum;
      }
    }
    for (const language of [...per.keys()].sort()) {
      const a = per.get(language);
      if (!a) continue;
      yield {
        org: gh.org,
        day,
        language,
        users: a.users.size,
        code_generation_activity_count: a.gen,
        code_acceptance_activity_count: a.acc,
        loc_suggested_to_add_sum: a.sug,
        loc_added_sum: a.added,
      };
    }
  }
}

/** Tracked logins: public logins of unified_users (login, person index), sorted by login. */
export type Tracked = readonly { readonly login: string; readonly index: number }[];

export function* activityRows(gh: GitHubView, tracked: Tracked, now: number): Generator<Row> {
  for (const { login, index } of tracked) {
    const agg = new Map<string, { events: number; repos: Set<string> }>();
    for (const e of gh.events(index)) {
      if (e.t > now) break;
      const k = `${isoWeek(e.t)}|${e.type}`;
      let a = agg.get(k);
      if (!a) {
        a = { events: 0, repos: new Set() };
        agg.set(k, a);
      }
      a.events++;
      a.repos.add(e.repoName.toLowerCase());
    }
    for (const k of [...agg.keys()].sort()) {
      const a = agg.get(k);
      const [week = "", type = ""] = k.split("|");
      if (a) yield { github_login: login, week, event_type: type, events: a.events, distinct_repos: a.repos.size };
    }
  }
}

export function skillsEnrollmentRows(gh: GitHubView, pop: Population): Row[] {
  const out: Row[] = [];
  for (const i of pop.loginIndexes()) {
    for (const r of gh.repos(i)) {
      if (r.private || r.createdAt > pop.now) continue;
      const p = pushedAsOf(r, pop.now);
      out.push({
        repository: `${r.owner}/${r.name}`,
        owner: r.owner,
        course: r.course,
        method: r.method,
        created_at: isoSec(r.createdAt),
        pushed_at: isoSec(p),
      });
    }
  }
  for (const r of crowdForks(pop.seed, pop.now))
    out.push({
      repository: `${r.owner}/${r.name}`,
      owner: r.owner,
      course: r.course,
      method: r.method,
      created_at: r.created_at,
      pushed_at: r.pushed_at,
    });
  return out.sort((a, b) => (String(a.repository) < String(b.repository) ? -1 : 1));
}

export function skillsCourseRows(gh: GitHubView): Row[] {
  return gh.skillsCourses().map((c) => ({
    course: c.name,
    title: c.description,
    is_template: c.is_template,
    archived: c.archived,
    topics: c.topics.length === 0 ? null : [...c.topics].sort().join(";"),
    stargazers: c.stargazers_count,
    forks: c.forks_count,
    created_at: c.created_at,
  }));
}

/**
 * data/state/activity.json that belongs to the goldens: every tracked login visited at `now`; `weeks` holds the week
 * of the newest counted event (the weeks that can still receive events) with its repository hashes per event type.
 */
export function activityState(gh: GitHubView, tracked: Tracked, now: number): ActivityState {
  const logins: Record<string, LoginState> = {};
  for (const { login, index } of tracked) {
    const events = gh.events(index);
    let newest: (typeof events)[number] | undefined;
    for (const e of events) {
      if (e.t > now) break;
      newest = e;
    }
    const weeks: LoginState["weeks"] = {};
    if (newest) {
      const open = isoWeek(newest.t);
      const types: Record<string, string[]> = {};
      for (const e of events) {
        if (e.t > now || isoWeek(e.t) !== open) continue;
        const h = repoHash(e.repoName);
        const list = types[e.type] ?? [];
        if (!list.includes(h)) list.push(h);
        types[e.type] = list;
      }
      for (const t of Object.keys(types)) types[t]?.sort();
      weeks[open] = types;
    }
    logins[login] = { newest: newest?.id ?? null, etag: null, gone: false, weeks };
  }
  return { version: 1, cursor: null, logins };
}

/** data/state/skills.json: template confirmations of every public template-generated learner repo; no ETags. */
export function skillsState(gh: GitHubView, pop: Population): SkillsStateFile {
  const confirmed: Record<string, string> = {};
  for (const i of pop.loginIndexes()) {
    for (const r of gh.repos(i)) {
      if (r.method === "template" && !r.private && r.createdAt <= pop.now) confirmed[`${r.owner}/${r.name}`] = r.course;
    }
  }
  return { version: 1, forks_etags: {}, confirmed };
}
