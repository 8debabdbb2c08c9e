/**
 * A year of nights from ONE world, fast (the repository-growth bench at scale M). The world is a timeline: a person's
 * rows as of a night are a pure function of their facts and the clock (`sim/world/golden-*.ts`). So the world is
 * generated once, as of the last night; every person's and login's change times (arrival, registration, scheduling,
 * cancellation, result, no-show, learning, completed product months, learner repositories, public events) put them
 * in the buckets of the nights those times fall in; a night re-renders only the people in its bucket, with the
 * very functions the goldens use, and rebuilds only the files whose lines changed (`night-tables.ts`). The small
 * GitHub datasets (Copilot, Skills) and the Skills state are rendered whole every night (Copilot days are fixed once
 * ready: their rows are the last night's, cut at the night's last complete day). `test/bench/growth.test.ts` checks
 * the nights byte for byte against `snapshot.ts`, which renders a whole world per night.
 */
import type { Row } from "#core/format.ts";
import {
  ACTIVITY_STATE_PATH,
  type LoginState,
  SKILLS_STATE_PATH,
  serializeActivityState,
  serializeSkillsState,
} from "#core/state.ts";
import { lastCompleteDay } from "../sim/world/copilot.ts";
import { githubUpstream } from "../sim/world/github.ts";
import {
  activityRows,
  activityState,
  copilotDailyRows,
  copilotLanguageRows,
  pendingDailyRows,
  skillsCourseRows,
  skillsEnrollmentRows,
  skillsState,
} from "../sim/world/golden-github.ts";
import { examRows, isVisible, personBundle } from "../sim/world/golden-people.ts";
import { createWorld } from "../sim/world/index.ts";
import type { Population } from "../sim/world/population.ts";
import { DAY, HOUR, nextMonth } from "../sim/world/time.ts";
import { csvLineOf, type FileChanges, type LayoutName, Table } from "./night-tables.ts";

export interface NightOptions {
  readonly scale?: string;
  readonly people?: number;
  readonly seed?: number;
  /** the last night (02:00 UTC) */
  readonly last: Date;
  readonly days: number;
  /** override every partitioned schema's threshold (tests) */
  readonly maxFileBytes?: number;
  /** the files' layout (default `writer`: bench/night-tables.ts) */
  readonly layout?: LayoutName;
}

const PERSON = ["unified_users", "certified_users", "product_usage", "learning_activity", "journey_complete"] as const;

/** The population as of an earlier clock: same people and facts, `now` and the login list cut at that clock. */
function popAt(pop: Population, now: number, logins: readonly (readonly [number, number])[]): Population {
  const ids = logins.filter(([, t0]) => t0 <= now).map(([i]) => i);
  return {
    ...pop,
    now,
    *indexes() {
      for (const i of pop.indexes()) if (pop.core(i).t0 <= now) yield i;
    },
    loginIndexes: () => ids,
  };
}

/** Calls `night` for each night, oldest first, with the files that changed (every file on the first night). */
export async function renderNights(
  opts: NightOptions,
  night: (at: Date, changed: FileChanges) => Promise<void> | void,
): Promise<void> {
  const lastNow = opts.last.getTime();
  const first = lastNow - (opts.days - 1) * DAY;
  const world = createWorld({
    now: opts.last,
    ...(opts.people === undefined ? { scale: opts.scale ?? "S" } : { people: opts.people }),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
  });
  const pop = world.population;
  const gh = world.github;
  const people = world.goldens.people(); // visible at the last night (visibility only grows): user_id order
  const byIndex = [...people].sort((a, b) => a.index - b.index);
  const examSlot = new Map(byIndex.map((x, k) => [x.index, k]));
  const tracked = people
    .flatMap((x) => {
      const login = pop.core(x.index).login;
      return login === null ? [] : [{ login, index: x.index }];
    })
    .sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
  const loginSlot = new Map(tracked.map((t, k) => [t.index, k]));
  const lay = opts.layout ?? "writer";
  const tables = new Map<string, Table>(PERSON.map((n) => [n, new Table(n, people.length, opts.maxFileBytes, lay)]));
  const exams = new Table("individual_exams", 2 * byIndex.length, opts.maxFileBytes, lay);
  const activity = new Table("github_activity", tracked.length, opts.maxFileBytes, lay);
  const loginStates: (LoginState | undefined)[] = tracked.map(() => undefined);

  // change times → night buckets (a time t belongs to the first night whose clock is ≥ t)
  const buckets: Set<number>[] = Array.from({ length: opts.days }, () => new Set());
  const mark = (slot: number, t: number | null): void => {
    if (t === null || t <= first || t > lastNow) return;
    buckets[Math.ceil((t - first) / DAY)]?.add(slot);
  };
  people.forEach((x, slot) => {
    const p = pop.facts(x.index);
    mark(slot, p.core.t0);
    for (const e of p.exams) {
      for (const t of [e.registeredAt, e.scheduledAt, e.cancelledAt, e.takenAt]) mark(slot, t);
      if (e.appointmentAt !== null) mark(slot, e.appointmentAt + 4 * HOUR);
    }
    for (const l of p.learning) mark(slot, l.t);
    for (const u of p.usage) mark(slot, nextMonth(u.month));
    if (p.core.login !== null) {
      for (const r of gh.repos(x.index)) mark(slot, r.createdAt);
      for (const e of gh.events(x.index)) mark(slot, e.t);
    }
  });

  const render = (slot: number, now: number): void => {
    const x = people[slot];
    if (x === undefined) return;
    const p = pop.facts(x.index);
    const visible = isVisible(p, now);
    const b = visible ? personBundle(p, x.userId, p.core.login === null ? [] : gh.repos(x.index), now) : undefined;
    tables.get("unified_users")?.set(slot, b ? [b.unified] : []);
    tables.get("certified_users")?.set(slot, b?.certified ?? []);
    tables.get("product_usage")?.set(slot, b?.usage ?? []);
    tables.get("learning_activity")?.set(slot, b?.learning ?? []);
    tables.get("journey_complete")?.set(slot, b ? [b.journey] : []);
    const e = examSlot.get(x.index) ?? 0;
    const rows = visible ? examRows(p, x.userId, now) : [];
    exams.set(
      e,
      rows.filter((r) => r.exam_source === "legacy"),
    );
    exams.set(
      byIndex.length + e,
      rows.filter((r) => r.exam_source === "pearson"),
    );
    const l = loginSlot.get(x.index);
    const login = p.core.login;
    if (l === undefined || login === null) return;
    const t = [{ login, index: x.index }];
    activity.set(l, visible ? [...activityRows(gh, t, now)] : []);
    loginStates[l] = visible ? activityState(gh, t, now).logins[login] : undefined;
  };

  const daily = [...copilotDailyRows(gh, lastNow)].filter((r) => r.report_status === "complete");
  const languages = [...copilotLanguageRows(gh, lastNow)];
  const logins = pop.loginIndexes().map((i) => [i, pop.core(i).t0] as const);
  const whole = new Map<string, string>();
  const csv = (name: string, rows: Iterable<Row>): string => {
    const t = new Table(name, 0);
    const out = [t.header];
    for (const r of rows) out.push(csvLineOf(t.schema, r));
    return out.join("");
  };

  for (let k = 0; k < opts.days; k++) {
    const now = first + k * DAY;
    if (k === 0) for (let s = 0; s < people.length; s++) render(s, now);
    else for (const s of buckets[k] ?? []) render(s, now);
    const changed: FileChanges = new Map();
    for (const t of [...tables.values(), exams, activity]) t.emit(changed);
    const last = lastCompleteDay(now) ?? "";
    const popNow = popAt(pop, now, logins);
    const files: [string, string][] = [
      [
        "copilot_daily.csv",
        csv("copilot_daily", [...daily.filter((r) => String(r.day) <= last), ...pendingDailyRows(gh.org, now)]),
      ],
      [
        "copilot_languages.csv",
        csv(
          "copilot_languages",
          languages.filter((r) => String(r.day) <= last),
        ),
      ],
      ["skills_courses.csv", csv("skills_courses", skillsCourseRows(githubUpstream(popNow, gh.org)))],
      ["skills_enrollments.csv", csv("skills_enrollments", skillsEnrollmentRows(gh, popNow))],
      [SKILLS_STATE_PATH, serializeSkillsState(skillsState(gh, popNow))],
    ];
    const states: Record<string, LoginState> = {};
    tracked.forEach((t, i) => {
      const s = loginStates[i];
      if (s !== undefined) states[t.login] = s;
    });
    files.push([ACTIVITY_STATE_PATH, serializeActivityState({ version: 1, cursor: null, logins: states })]);
    for (const [path, text] of files) {
      if (whole.get(path) === text) continue;
      whole.set(path, text);
      changed.set(path, text);
    }
    await night(new Date(now), changed);
  }
}
