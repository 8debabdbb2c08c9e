/**
 * Copilot usage of the demo org: seat holders, per-user daily activity with languages, IDEs, features and models,
 * and the org-level day totals. A day's report exists once it is ready (the next day, 06:00Z) and from 2025-10-10.
 */
import {
  COPILOT_FEATURES,
  COPILOT_IDE_WEIGHTS,
  COPILOT_IDES,
  COPILOT_LANGUAGE_WEIGHTS,
  COPILOT_LANGUAGES,
  COPILOT_MODELS,
} from "./catalog.ts";
import type { PersonCore } from "./person.ts";
import type { Population } from "./population.ts";
import { rng, STREAM, unit } from "./rng.ts";
import { TIMELINE } from "./scales.ts";
import { DAY, HOUR, isoDay, ms } from "./time.ts";
import type { CopilotOrgRecord, CopilotUserRecord } from "./types.ts";

interface Seat {
  readonly core: PersonCore;
  readonly login: string;
  readonly githubId: number;
  readonly from: number;
  readonly until: number;
  readonly pActive: number;
  readonly languages: readonly (typeof COPILOT_LANGUAGES)[number][];
  readonly ide: (typeof COPILOT_IDES)[number];
  readonly pChat: number;
  readonly pAgent: number;
  readonly pCli: number;
}

/** Delay after the end of a day until its report is ready. */
export const REPORT_READY_AFTER = DAY + 6 * HOUR;
const FIRST = ms(TIMELINE.copilotFirstDay);
const END = ms(TIMELINE.end);
const SEATS_FROM = ms("2025-06-01");

/** Last day whose report is ready as of now, or null when none is. */
export function lastCompleteDay(now: number): string | null {
  const last = Math.floor((now - REPORT_READY_AFTER) / DAY) * DAY;
  return last < FIRST ? null : isoDay(Math.min(last, Math.floor(END / DAY) * DAY));
}

function seatOf(seed: number, core: PersonCore): Seat | null {
  if (core.login === null || core.githubId === null) return null;
  const r = rng(seed, core.index, STREAM.copilot);
  const from = Math.floor((Math.max(core.t0, SEATS_FROM) + r.exp(60 * DAY)) / DAY) * DAY;
  const until = r.chance(0.12) ? from + r.int(30, 400) * DAY : Number.POSITIVE_INFINITY;
  const nLang = r.int(1, 3);
  const languages: Seat["languages"][number][] = [];
  for (let i = 0; i < nLang; i++) {
    const l = COPILOT_LANGUAGES[r.weighted(COPILOT_LANGUAGE_WEIGHTS)];
    if (l && !languages.includes(l)) languages.push(l);
  }
  return {
    core,
    login: core.login,
    githubId: core.githubId,
    from,
    until,
    pActive: 0.25 + r.next() * 0.65,
    languages,
    ide: COPILOT_IDES[r.weighted(COPILOT_IDE_WEIGHTS)] ?? "vscode",
    pChat: r.next() * 0.8,
    pAgent: r.next() * 0.5,
    pCli: r.next() * 0.15,
  };
}

export interface CopilotModel {
  isReady(day: string): boolean;
  orgRecord(day: string): CopilotOrgRecord | undefined;
  userRecords(day: string): readonly CopilotUserRecord[] | undefined;
}

export function copilotModel(pop: Population, org: string): CopilotModel {
  let seats: Seat[] | undefined;
  const all = (): Seat[] => {
    if (!seats) {
      seats = [];
      for (const i of pop.seatIndexes()) {
        const s = seatOf(pop.seed, pop.core(i));
        if (s) seats.push(s);
      }
      seats.sort((a, b) => a.githubId - b.githubId);
    }
    return seats;
  };
  const active = (s: Seat, t: number): boolean => {
    if (t < s.from || t >= s.until || t > END) return false;
    const dow = new Date(t).getUTCDay();
    const p = s.pActive * (dow === 0 || dow === 6 ? 0.2 : 1);
    return unit(pop.seed, s.core.index, STREAM.copilot, Math.floor(t / DAY)) < p;
  };
  const last = lastCompleteDay(pop.now);
  const isReady = (day: string): boolean =>
    /^\d{4}-\d{2}-\d{2}$/.test(day) && last !== null && day >= TIMELINE.copilotFirstDay && day <= last;
  const countActive = (t: number, days: number): number => {
    let n = 0;
    for (const s of all()) {
      for (let k = 0; k < days; k++) {
        if (active(s, t - k * DAY)) {
          n++;
          break;
        }
      }
    }
    return n;
  };
  return {
    isReady,
    orgRecord(day) {
      if (!isReady(day)) return undefined;
      const t = ms(day);
      return {
        day,
        organization_login: org,
        day_totals: {
          daily_active_users: countActive(t, 1),
          weekly_active_users: countActive(t, 7),
          monthly_active_users: countActive(t, 28),
        },
      };
    },
    userRecords(day) {
      if (!isReady(day)) return undefined;
      const t = ms(day);
      return all()
        .filter((s) => active(s, t))
        .map((s) => userRecord(pop.seed, s, day, t));
    },
  };
}

function userRecord(seed: number, s: Seat, day: string, t: number): CopilotUserRecord {
  const r = rng(seed, s.core.index, 100_000 + Math.floor(t / DAY));
  const chat = r.chance(s.pChat);
  const agent = r.chance(s.pAgent * Math.min(1, (t - SEATS_FROM) / (365 * DAY)));
  const cli = r.chance(s.pCli);
  const langs = s.languages.filter((_, i) => i === 0 || r.chance(0.6));
  const features = [
    COPILOT_FEATURES[0],
    ...(chat ? [COPILOT_FEATURES[1]] : []),
    ...(agent ? [COPILOT_FEATURES[3]] : []),
  ];
  const byLang: CopilotUserRecord["totals_by_language_feature"][number][] = [];
  const byModel: CopilotUserRecord["totals_by_language_model"][number][] = [];
  for (const language of langs) {
    for (const feature of features) {
      const gen = feature === "code_completion" ? r.int(5, 120) : r.int(1, 15);
      const acc = Math.round(gen * (0.2 + r.next() * 0.25));
      const sug = gen * r.int(1, 6);
      byLang.push({
        language,
        feature,
        code_generation_activity_count: gen,
        code_acceptance_activity_count: acc,
        loc_suggested_to_add_sum: sug,
        loc_added_sum: Math.min(sug, acc * r.int(1, 5)),
      });
      if (feature !== "code_completion")
        byModel.push({ language, model: r.pick(COPILOT_MODELS), code_generation_activity_count: gen });
    }
  }
  const sum = (f: (x: (typeof byLang)[number]) => number, rows = byLang): number => rows.reduce((a, x) => a + f(x), 0);
  const gen = sum((x) => x.code_generation_activity_count);
  const acc = sum((x) => x.code_acceptance_activity_count);
  const sug = sum((x) => x.loc_suggested_to_add_sum);
  const added = sum((x) => x.loc_added_sum);
  const byFeature = features.map((feature) => {
    const rows = byLang.filter((x) => x.feature === feature);
    return {
      feature,
      code_generation_activity_count: sum((x) => x.code_generation_activity_count, rows),
      code_acceptance_activity_count: sum((x) => x.code_acceptance_activity_count, rows),
    };
  });
  return {
    day,
    user_id: s.githubId,
    user_login: s.login,
    code_generation_activity_count: gen,
    code_acceptance_activity_count: acc,
    loc_added_sum: added,
    loc_deleted_sum: r.int(0, Math.floor(added / 3)),
    loc_suggested_to_add_sum: sug,
    loc_suggested_to_delete_sum: r.int(0, Math.floor(sug / 5)),
    user_initiated_interaction_count: chat || agent ? r.int(1, 30) : 0,
    used_agent: agent,
    used_chat: chat,
    used_cli: cli,
    totals_by_ide: [{ ide: s.ide, code_generation_activity_count: gen, code_acceptance_activity_count: acc }],
    totals_by_feature: byFeature,
    totals_by_language_feature: byLang,
    totals_by_language_model: byModel,
  };
}
