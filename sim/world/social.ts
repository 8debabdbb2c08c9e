/** A login person's public GitHub life: Skills learner repositories and public events (one timeline, as of nothing). */
import { EVENT_TYPE_WEIGHTS, EVENT_TYPES, REPO_WORDS, SKILLS_COURSES, templateRepoName } from "./catalog.ts";
import type { PersonCore } from "./person.ts";
import { personNumber } from "./person.ts";
import { rng, STREAM } from "./rng.ts";
import { TIMELINE } from "./scales.ts";
import { DAY, HOUR, MINUTE, ms, sec, weekStart } from "./time.ts";

export interface LearnerRepoFact {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly course: string;
  readonly method: "fork" | "template";
  readonly private: boolean;
  readonly createdAt: number;
  /** push times, ascending (pushed_at as of now = the last one ≤ now) */
  readonly pushes: readonly number[];
}

export interface EventFact {
  /** event id: 9 digits of seconds since 2000-01-01 + 7-digit person number (grows with time) */
  readonly id: string;
  readonly t: number;
  readonly type: string;
  readonly repoId: number;
  readonly repoName: string;
}

const END = ms(TIMELINE.end);
const EPOCH_2000 = ms("2000-01-01T00:00:00Z");
const TEMPLATE_ERA = ms("2023-06-01");
const COURSE_WEIGHTS = SKILLS_COURSES.map((c) => (c.template ? c.popularity : 0));
const COURSE_CREATED = SKILLS_COURSES.map((c) => ms(c.created));

export function learnerRepoFacts(seed: number, core: PersonCore): LearnerRepoFact[] {
  if (core.login === null) return [];
  const r = rng(seed, core.index, STREAM.skills);
  if (!r.chance(0.55)) return [];
  const owner = core.login;
  const n = 1 + Math.min(4, Math.floor(r.exp(1)));
  const out: LearnerRepoFact[] = [];
  const taken = new Set<string>();
  let t = sec(core.t0 + r.exp(40 * DAY));
  for (let i = 0; i < n && t < END; i++) {
    const ci = r.weighted(COURSE_WEIGHTS);
    const course = SKILLS_COURSES[ci];
    if (!course || taken.has(course.name)) continue;
    taken.add(course.name);
    const createdAt = sec(Math.max(t, (COURSE_CREATED[ci] ?? 0) + r.int(1, 60) * DAY));
    if (createdAt > END) continue;
    const method = r.chance(createdAt < TEMPLATE_ERA ? 0.8 : 0.15) ? "fork" : "template";
    const pushes: number[] = [];
    let p = createdAt;
    const pushCount = r.chance(0.08) ? 0 : r.int(1, 6);
    for (let k = 0; k < pushCount; k++) {
      p = sec(p + r.int(2, 300) * MINUTE + (r.chance(0.2) ? r.int(1, 10) * DAY : 0));
      pushes.push(p);
    }
    out.push({
      id: 600_000_000 + core.index * 32 + ci,
      owner,
      name: method === "fork" ? course.name : templateRepoName(course.name),
      course: course.name,
      method,
      private: method === "template" && r.chance(0.2),
      createdAt,
      pushes,
    });
    t = sec(t + r.int(1, 120) * DAY);
  }
  return out;
}

function eventId(t: number, index: number): string {
  return `${String(Math.floor((t - EPOCH_2000) / 1000)).padStart(9, "0")}${personNumber(index)}`;
}

/** All public events of a login person over the whole timeline, oldest first, with unique increasing ids. */
export function eventFacts(seed: number, core: PersonCore, repos: readonly LearnerRepoFact[]): EventFact[] {
  if (core.login === null) return [];
  const r = rng(seed, core.index, STREAM.events);
  const login = core.login;
  const own: { id: number; name: string }[] = [];
  const words = [...REPO_WORDS];
  const nOwn = r.int(2, 6);
  for (let i = 0; i < nOwn; i++) {
    const w = words.splice(r.int(0, words.length - 1), 1)[0] ?? "repo";
    own.push({ id: 400_000_000 + core.index * 16 + i, name: `${login}/${w}` });
  }
  const raw: { t: number; type: string; repoId: number; repoName: string }[] = [];
  const pActive = 0.15 + r.next() * 0.6;
  const mean = 0.5 + r.exp(2);
  for (let w = weekStart(core.t0); w < END; w += 7 * DAY) {
    if (!r.chance(pActive)) continue;
    const n = 1 + Math.min(60, Math.floor(r.exp(mean)));
    for (let k = 0; k < n; k++) {
      const type = EVENT_TYPES[r.weighted(EVENT_TYPE_WEIGHTS)] ?? "PushEvent";
      const external = type === "WatchEvent" || type === "ForkEvent" || (type === "IssueCommentEvent" && r.chance(0.5));
      const repo = external
        ? { id: 300_000_000 + r.int(0, 499), name: `octo-commons/project-${r.int(0, 499)}` }
        : r.pick(own);
      const t = sec(w + r.int(0, 7 * 24 * 3600 - 1) * 1000);
      if (t < core.t0 || t > END) continue;
      raw.push({ t, type, repoId: repo.id, repoName: repo.name });
    }
  }
  for (const lr of repos) {
    if (lr.private) continue;
    const full = `${lr.owner}/${lr.name}`;
    if (lr.method === "fork")
      raw.push({
        t: lr.createdAt,
        type: "ForkEvent",
        repoId: 700_000_000 + SKILLS_COURSES.findIndex((c) => c.name === lr.course),
        repoName: `skills/${lr.course}`,
      });
    else raw.push({ t: lr.createdAt, type: "CreateEvent", repoId: lr.id, repoName: full });
    for (const p of lr.pushes) raw.push({ t: p, type: "PushEvent", repoId: lr.id, repoName: full });
  }
  raw.sort((a, b) => a.t - b.t);
  const out: EventFact[] = [];
  let last = -1;
  for (const e of raw) {
    const t = e.t <= last ? last + 1000 : e.t;
    last = t;
    if (t > END + HOUR) break;
    out.push({ id: eventId(t, core.index), t, type: e.type, repoId: e.repoId, repoName: e.repoName });
  }
  return out;
}
