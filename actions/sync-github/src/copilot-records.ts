/**
 * Copilot usage-metrics report records (public-preview schema): parsed tolerantly (copilot-parse.ts) — unknown fields
 * ignored, missing required ones fail loudly — and aggregated into copilot_daily / copilot_languages rows for one day.
 */
import { z } from "zod";
import type { Row } from "#core/format.ts";
import { type DayTotals, userRecords } from "./copilot-parse.ts";

const count = z.number().int().nonnegative();

const userRecordSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  user_id: z.number(),
  user_login: z.string(),
  code_generation_activity_count: count,
  code_acceptance_activity_count: count,
  loc_added_sum: count,
  loc_deleted_sum: count,
  loc_suggested_to_add_sum: count,
  user_initiated_interaction_count: count,
  used_agent: z.boolean(),
  used_chat: z.boolean(),
  used_cli: z.boolean().optional(),
  totals_by_language_feature: z
    .array(
      z.object({
        language: z.string(),
        code_generation_activity_count: count,
        code_acceptance_activity_count: count,
        loc_suggested_to_add_sum: count,
        loc_added_sum: count,
      }),
    )
    .default([]),
});

export type UserRecord = z.infer<typeof userRecordSchema>;

/** The users-1-day records of one day's files (NDJSON or whole-document JSON, one or several parts). */
export const parseUserRecords = (files: readonly string[], day: string): UserRecord[] =>
  userRecords(files, userRecordSchema, day);

export function notReadyDailyRow(org: string, day: string): Row {
  return {
    org,
    day,
    report_status: "not_ready",
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
  };
}

/** One complete day: the org record's active-user totals plus sums over the users' records. */
export function dailyRow(org: string, day: string, totals: DayTotals, users: readonly UserRecord[]): Row {
  const sum = (f: (u: UserRecord) => number) => users.reduce((a, u) => a + f(u), 0);
  return {
    org,
    day,
    report_status: "complete",
    daily_active_users: totals.daily_active_users,
    weekly_active_users: totals.weekly_active_users,
    monthly_active_users: totals.monthly_active_users,
    engaged_users: users.filter((u) => u.user_initiated_interaction_count > 0).length,
    chat_users: users.filter((u) => u.used_chat).length,
    agent_users: users.filter((u) => u.used_agent).length,
    cli_users: users.filter((u) => u.used_cli === true).length,
    code_generation_activity_count: sum((u) => u.code_generation_activity_count),
    code_acceptance_activity_count: sum((u) => u.code_acceptance_activity_count),
    loc_suggested_to_add_sum: sum((u) => u.loc_suggested_to_add_sum),
    loc_added_sum: sum((u) => u.loc_added_sum),
    loc_deleted_sum: sum((u) => u.loc_deleted_sum),
  };
}

/** Per-language rows of one day: counters summed over users and features, users counted once per language. */
export function languageRows(org: string, day: string, users: readonly UserRecord[]): Row[] {
  const by = new Map<string, { users: Set<number>; gen: number; acc: number; sugg: number; added: number }>();
  for (const u of users) {
    for (const t of u.totals_by_language_feature) {
      const lang = t.language.trim().toLowerCase();
      let a = by.get(lang);
      if (!a) {
        a = { users: new Set(), gen: 0, acc: 0, sugg: 0, added: 0 };
        by.set(lang, a);
      }
      a.users.add(u.user_id);
      a.gen += t.code_generation_activity_count;
      a.acc += t.code_acceptance_activity_count;
      a.sugg += t.loc_suggested_to_add_sum;
      a.added += t.loc_added_sum;
    }
  }
  return [...by.entries()].map(([language, a]) => ({
    org,
    day,
    language,
    users: a.users.size,
    code_generation_activity_count: a.gen,
    code_acceptance_activity_count: a.acc,
    loc_suggested_to_add_sum: a.sugg,
    loc_added_sum: a.added,
  }));
}
