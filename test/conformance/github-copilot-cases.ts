/**
 * Copilot conformance cases: report files and expected rows written by us from the documented shapes (sources in
 * github-copilot.test.ts), our own values.
 */
import type { Row } from "#core/format.ts";
import { rateHeaders } from "./github-kit.ts";
import type { Exchange } from "./replay.ts";

export const ORG = "ace-org";
export const DAY = "2026-01-15";
export const API = `/orgs/${ORG}/copilot/metrics/reports`;

/** [flat] with extra fields the reader must ignore. */
export const flat = (day = DAY) => ({
  day,
  organization_id: "4242",
  enterprise_id: "",
  daily_active_users: 3,
  daily_active_copilot_cloud_agent_users: 0,
  weekly_active_users: 5,
  monthly_active_users: 8,
  monthly_active_chat_users: 2,
  monthly_active_agent_users: 1,
  user_initiated_interaction_count: 3,
  code_generation_activity_count: 48,
});
/** [report] */
export const report = {
  report_start_day: "2026-01-14",
  report_end_day: "2026-01-16",
  organization_id: "4242",
  created_at: "2026-01-17T04:10:00Z",
  day_totals: [
    { ...flat("2026-01-14"), daily_active_users: 9 },
    flat(DAY),
    { ...flat("2026-01-16"), monthly_active_users: 11 },
  ],
};
/** the older `day_totals` object (no public source; read because it cannot be confused with the others) */
export const legacy = {
  day: DAY,
  day_totals: { daily_active_users: 3, weekly_active_users: 5, monthly_active_users: 8 },
};

/** [fields] two users with extra fields */
export const users = [
  {
    day: DAY,
    enterprise_id: "1",
    ai_credits_used: 12.5,
    user_id: 101,
    user_login: "learner-a",
    code_generation_activity_count: 40,
    code_acceptance_activity_count: 12,
    loc_added_sum: 30,
    loc_deleted_sum: 4,
    loc_suggested_to_add_sum: 90,
    loc_suggested_to_delete_sum: 2,
    user_initiated_interaction_count: 3,
    used_agent: false,
    used_chat: true,
    used_cli: false,
    totals_by_cli: { prompt_count: 0, request_count: 0, session_count: 0 },
    totals_by_language_feature: [
      {
        language: "TypeScript",
        feature: "code_completion",
        code_generation_activity_count: 30,
        code_acceptance_activity_count: 10,
        loc_suggested_to_add_sum: 70,
        loc_added_sum: 25,
      },
      {
        language: "python",
        feature: "chat_panel_ask_mode",
        code_generation_activity_count: 10,
        code_acceptance_activity_count: 2,
        loc_suggested_to_add_sum: 20,
        loc_added_sum: 5,
      },
    ],
  },
  {
    day: DAY,
    user_id: 102,
    user_login: "learner-b",
    code_generation_activity_count: 8,
    code_acceptance_activity_count: 3,
    loc_added_sum: 6,
    loc_deleted_sum: 0,
    loc_suggested_to_add_sum: 16,
    user_initiated_interaction_count: 0,
    used_agent: true,
    used_chat: false,
    used_cli: true,
    totals_by_language_feature: [
      {
        language: "python",
        feature: "code_completion",
        code_generation_activity_count: 8,
        code_acceptance_activity_count: 3,
        loc_suggested_to_add_sum: 16,
        loc_added_sum: 6,
      },
    ],
  },
];

export const DAILY: Row = {
  org: ORG,
  day: DAY,
  report_status: "complete",
  daily_active_users: 3,
  weekly_active_users: 5,
  monthly_active_users: 8,
  engaged_users: 1,
  chat_users: 1,
  agent_users: 1,
  cli_users: 1,
  code_generation_activity_count: 48,
  code_acceptance_activity_count: 15,
  loc_suggested_to_add_sum: 106,
  loc_added_sum: 36,
  loc_deleted_sum: 4,
};
export const LANGUAGES: Row[] = [
  {
    org: ORG,
    day: DAY,
    language: "python",
    users: 2,
    code_generation_activity_count: 18,
    code_acceptance_activity_count: 5,
    loc_suggested_to_add_sum: 36,
    loc_added_sum: 11,
  },
  {
    org: ORG,
    day: DAY,
    language: "typescript",
    users: 1,
    code_generation_activity_count: 30,
    code_acceptance_activity_count: 10,
    loc_suggested_to_add_sum: 70,
    loc_added_sum: 25,
  },
];

export const ndjson = (records: readonly unknown[]) => records.map((r) => `${JSON.stringify(r)}\n`).join("");
export const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

/** [rest] the report endpoint for `kind` and `day`, answering links to `files` (served by the same replay). */
export function reportExchanges(kind: string, files: readonly string[], day = DAY): Exchange[] {
  const links = files.map((_, i) => `{{origin}}/blob/${kind}/${day}/part-${i}.json?sig=s${i}`);
  return [
    {
      request: { method: "GET", path: `${API}/${kind}?day=${day}` },
      response: { status: 200, headers: rateHeaders(), body: { download_links: links, report_day: day } },
    },
    ...files.map((body, i) => ({
      request: { method: "GET", path: `/blob/${kind}/${day}/part-${i}.json?sig=s${i}` },
      response: { status: 200, headers: { "content-type": "application/octet-stream" }, body },
    })),
  ];
}
