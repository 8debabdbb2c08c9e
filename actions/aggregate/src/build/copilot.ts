/**
 * copilot.json: org-level Copilot usage per day, ISO week and month, and by language (top N + other). Days whose
 * report is not ready are listed with null values (`suppressed: false`), never zeros; a day with 1–4 active users
 * hides all of its numbers, and any rollup containing such a day hides its sums and averages.
 */

import type { Copilot } from "#core/aggregated/schemas.ts";
import { type Cell, EMPTY, rate, SUPPRESSED, suppress, visible } from "#core/suppress.ts";
import { envelope } from "../context.ts";
import { groupBy, isoWeek } from "../periods.ts";
import { bool, num, optNum, optStr, str } from "../raw.ts";
import { copilotPeaks } from "./copilot-peaks.ts";
import type { Builder } from "./types.ts";

export const TOP_LANGUAGES = 10;

interface Day {
  readonly day: string;
  readonly complete: boolean;
  readonly values: Readonly<Record<string, number | null>>;
}

/** the per-day user counts of copilot_days (sql/ and kql/ copilot_days columns) */
export const USER_FIELDS = [
  "daily_active_users",
  "weekly_active_users",
  "monthly_active_users",
  "engaged_users",
  "chat_users",
  "agent_users",
  "cli_users",
] as const;
/** the per-day activity sums of copilot_days */
export const SUM_FIELDS = [
  "code_generations",
  "code_acceptances",
  "loc_suggested",
  "loc_added",
  "loc_deleted",
] as const;

/** A day's row is hidden whole when its active users are 1–4. */
function dayHidden(d: Day): boolean {
  const dau = d.values.daily_active_users;
  return d.complete && dau !== null && dau !== undefined && suppress(dau).suppressed;
}

export function dayRow(d: Day): Copilot["days"][number] {
  const hide = dayHidden(d);
  const users = (f: string): Cell => {
    const v = d.values[f];
    if (!d.complete || v === null || v === undefined) return EMPTY;
    return hide ? SUPPRESSED : suppress(v);
  };
  const sum = (f: string): Cell => {
    const v = d.values[f];
    if (!d.complete || v === null || v === undefined) return EMPTY;
    return hide ? SUPPRESSED : visible(v);
  };
  const gen = sum("code_generations");
  const acc = sum("code_acceptances");
  return {
    day: d.day,
    status: d.complete ? "complete" : "not_ready",
    daily_active_users: users("daily_active_users"),
    weekly_active_users: users("weekly_active_users"),
    monthly_active_users: users("monthly_active_users"),
    engaged_users: users("engaged_users"),
    chat_users: users("chat_users"),
    agent_users: users("agent_users"),
    cli_users: users("cli_users"),
    code_generations: gen,
    code_acceptances: acc,
    acceptance_rate: rate(acc, gen),
    loc_suggested: sum("loc_suggested"),
    loc_added: sum("loc_added"),
    loc_deleted: sum("loc_deleted"),
  };
}

/**
 * A week or month: sums and averages over its published days only. Days hidden for having 1–4 active users are left
 * out (counted in days_suppressed), so "rollup − visible days" cannot reveal them; not-ready days are counted apart.
 */
export function rollup(rows: readonly Copilot["days"][number][]) {
  const complete = rows.filter((r) => r.status === "complete");
  const published = complete.filter((r) => !r.daily_active_users.suppressed);
  const total = (f: (typeof SUM_FIELDS)[number]): Cell => {
    const vals = published.map((r) => r[f].value).filter((v): v is number => v !== null);
    return vals.length === 0 ? EMPTY : visible(vals.reduce((a, b) => a + b, 0));
  };
  const avg = (f: "daily_active_users" | "engaged_users" | "chat_users" | "agent_users"): Cell => {
    const cells = published.map((r) => r[f]);
    if (cells.some((c) => c.suppressed)) return SUPPRESSED;
    const vals = cells.map((c) => c.value).filter((v): v is number => v !== null);
    return vals.length === 0 ? EMPTY : visible(vals.reduce((a, b) => a + b, 0) / vals.length);
  };
  const maxMau = (): Cell => {
    const vals = published.map((r) => r.monthly_active_users.value).filter((v): v is number => v !== null);
    return vals.length === 0 ? EMPTY : suppress(Math.max(...vals));
  };
  const gen = total("code_generations");
  const acc = total("code_acceptances");
  return {
    days_complete: complete.length,
    days_not_ready: rows.length - complete.length,
    days_suppressed: complete.length - published.length,
    avg_daily_active_users: avg("daily_active_users"),
    avg_engaged_users: avg("engaged_users"),
    avg_chat_users: avg("chat_users"),
    avg_agent_users: avg("agent_users"),
    max_monthly_active_users: maxMau(),
    code_generations: gen,
    code_acceptances: acc,
    acceptance_rate: rate(acc, gen),
    loc_suggested: total("loc_suggested"),
    loc_added: total("loc_added"),
    loc_deleted: total("loc_deleted"),
  };
}

interface LangDay {
  readonly day: string;
  readonly language: string;
  readonly users: number;
  readonly sums: Readonly<Record<string, number>>;
}

const LANG_SUMS = ["code_generations", "code_acceptances", "loc_suggested", "loc_added"] as const;

/** One language row over several days: hidden whole when it never reached 5 users on any day. */
function languageRow(days: readonly LangDay[]) {
  const byDay = groupBy(days, (d) => d.day);
  let maxUsers = 0;
  for (const list of byDay.values())
    maxUsers = Math.max(
      maxUsers,
      list.reduce((s, d) => s + d.users, 0),
    );
  const users = suppress(maxUsers);
  const sum = (f: string): Cell =>
    users.suppressed ? SUPPRESSED : visible(days.reduce((s, d) => s + (d.sums[f] ?? 0), 0));
  const gen = sum("code_generations");
  const acc = sum("code_acceptances");
  return {
    max_daily_users: users,
    code_generations: gen,
    code_acceptances: acc,
    acceptance_rate: rate(acc, gen),
    loc_suggested: sum("loc_suggested"),
    loc_added: sum("loc_added"),
  };
}

export const copilotBuilder: Builder = {
  file: "copilot",
  datasets: ["copilot_daily", "copilot_languages"],
  register(_book, raw, ctx) {
    const days: Day[] = raw.copilot_days.map((r) => ({
      day: str(r, "day"),
      complete: bool(r, "complete"),
      values: Object.fromEntries([...USER_FIELDS, ...SUM_FIELDS].map((f) => [f, optNum(r, f)])),
    }));
    const known = new Set(days.map((d) => d.day));
    for (const day of ctx.copilotNotReadyDays) if (!known.has(day)) days.push({ day, complete: false, values: {} });
    days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const org = raw.copilot_days.map((r) => optStr(r, "org")).find((o) => o !== null) ?? null;
    const langDays: LangDay[] = raw.copilot_languages.map((r) => ({
      day: str(r, "day"),
      language: str(r, "language"),
      users: num(r, "users"),
      sums: Object.fromEntries(LANG_SUMS.map((f) => [f, num(r, f)])),
    }));
    const totalGen = new Map<string, number>();
    for (const d of langDays)
      totalGen.set(d.language, (totalGen.get(d.language) ?? 0) + (d.sums.code_generations ?? 0));
    // grain adapts to k: a language is listed apart only when it reached 5 users on some day; the rest fold into "other"
    const langGroups = groupBy(langDays, (d) => d.language);
    const clears = (l: string) => !languageRow(langGroups.get(l) ?? []).max_daily_users.suppressed;
    const top = new Set(
      [...totalGen]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .filter(([l]) => clears(l))
        .slice(0, TOP_LANGUAGES)
        .map(([l]) => l),
    );
    const bucket = (l: string) => (top.has(l) ? l : "other");
    const order = [...top, ...(totalGen.size > top.size ? ["other"] : [])];

    return () => {
      const rows = days.map(dayRow);
      const byLang = groupBy(langDays, (d) => bucket(d.language));
      const byMonthLang = groupBy(langDays, (d) => `${d.day.slice(0, 7)}|${bucket(d.language)}`);
      const months = [...new Set(langDays.map((d) => d.day.slice(0, 7)))].sort();
      const out: Copilot = {
        ...envelope(ctx, "copilot", copilotBuilder.datasets),
        org,
        days: rows,
        weeks: [...groupBy(rows, (r) => isoWeek(r.day))]
          .sort((a, b) => (a[0] < b[0] ? -1 : 1))
          .map(([week, list]) => ({ week, ...rollup(list) })),
        months: [...groupBy(rows, (r) => r.day.slice(0, 7))]
          .sort((a, b) => (a[0] < b[0] ? -1 : 1))
          .map(([month, list]) => ({ month, ...rollup(list) })),
        peaks: copilotPeaks(days.map((d) => ({ ...d, hidden: dayHidden(d) }))),
        languages: {
          top_n: TOP_LANGUAGES,
          totals: order.map((language) => ({ language, ...languageRow(byLang.get(language) ?? []) })),
          by_month: months.flatMap((month) =>
            order
              .filter((l) => byMonthLang.has(`${month}|${l}`))
              .map((language) => ({ month, language, ...languageRow(byMonthLang.get(`${month}|${language}`) ?? []) })),
          ),
        },
      };
      return out;
    };
  },
};
