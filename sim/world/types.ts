/**
 * The synthetic world's upstream view: what the two Kusto clusters and the GitHub API hold.
 * The world is a deterministic timeline (seed + scale); every view is "as of" a clock value (`ACE_NOW`):
 * rows and events after `now` do not exist yet. Implemented by `sim/world`, consumed by `sim/kusto` and `sim/github`.
 */

/** A Kusto cell as the world stores it, before wire encoding. Datetimes are Date, timespans milliseconds, guid/decimal strings, dynamic any JSON value. */
export type KustoCell =
  | string
  | number
  | boolean
  | Date
  | null
  | { readonly [k: string]: unknown }
  | readonly unknown[];

/** One upstream row, cells in the column order declared in data/schema/upstream/kusto.json. */
export type KustoRow = readonly KustoCell[];

export interface KustoWindow {
  /** inclusive lower bound on the table's timeColumn */
  readonly start?: Date;
  /** exclusive upper bound on the table's timeColumn */
  readonly end?: Date;
  /** person filter: the column named by personColumns[kind] must equal value (user_key compares normalized e-mail) */
  readonly person?: { readonly kind: "user_key" | "login"; readonly value: string };
  /**
   * inclusive lower / exclusive upper bound on the row's ingestion time (KQL `ingestion_time()`): the moment the row
   * reached its current content (a registration re-ingested when it is scheduled, cancelled, taken…)
   */
  readonly ingestedFrom?: Date;
  readonly ingestedTo?: Date;
  /** append the row's ingestion time (a Date) as one extra cell after the declared columns (the simulator's caches) */
  readonly withIngestionTime?: boolean;
}

export interface KustoUpstream {
  /**
   * Rows of one upstream table as of `now`, in the table's key order, streamed (scale M holds 1,000,000 exam rows:
   * never materialize a whole table). Unknown cluster/table throws.
   */
  rows(cluster: string, table: string, window?: KustoWindow): Iterable<KustoRow>;
}

/** One NDJSON record of the users-1-day Copilot usage-metrics report (public preview schema; extra fields allowed). */
export interface CopilotUserRecord {
  readonly day: string;
  readonly user_id: number;
  readonly user_login: string;
  readonly code_generation_activity_count: number;
  readonly code_acceptance_activity_count: number;
  readonly loc_added_sum: number;
  readonly loc_deleted_sum: number;
  readonly loc_suggested_to_add_sum: number;
  readonly loc_suggested_to_delete_sum: number;
  readonly user_initiated_interaction_count: number;
  readonly used_agent: boolean;
  readonly used_chat: boolean;
  readonly used_cli: boolean;
  readonly totals_by_ide: readonly {
    readonly ide: string;
    readonly code_generation_activity_count: number;
    readonly code_acceptance_activity_count: number;
  }[];
  readonly totals_by_feature: readonly {
    readonly feature: string;
    readonly code_generation_activity_count: number;
    readonly code_acceptance_activity_count: number;
  }[];
  readonly totals_by_language_feature: readonly {
    readonly language: string;
    readonly feature: string;
    readonly code_generation_activity_count: number;
    readonly code_acceptance_activity_count: number;
    readonly loc_suggested_to_add_sum: number;
    readonly loc_added_sum: number;
  }[];
  readonly totals_by_language_model: readonly {
    readonly language: string;
    readonly model: string;
    readonly code_generation_activity_count: number;
  }[];
  readonly [extra: string]: unknown;
}

/** One NDJSON record of the organization-1-day report. */
export interface CopilotOrgRecord {
  readonly day: string;
  readonly organization_login: string;
  readonly day_totals: {
    readonly daily_active_users: number;
    readonly weekly_active_users: number;
    readonly monthly_active_users: number;
    readonly [extra: string]: unknown;
  };
  readonly [extra: string]: unknown;
}

/** A public GitHub event as GET /users/{username}/events/public returns it. */
export interface GitHubEvent {
  readonly id: string;
  readonly type: string;
  readonly actor: { readonly id: number; readonly login: string };
  readonly repo: { readonly id: number; readonly name: string };
  readonly payload: Readonly<Record<string, unknown>>;
  readonly public: true;
  readonly created_at: string;
}

export interface SkillsCourseRepo {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly is_template: boolean;
  readonly archived: boolean;
  readonly topics: readonly string[];
  readonly stargazers_count: number;
  readonly forks_count: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly pushed_at: string;
}

export interface LearnerRepo {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  /** the course (skills/<course>) it came from */
  readonly course: string;
  readonly method: "fork" | "template";
  readonly private: boolean;
  readonly created_at: string;
  readonly pushed_at: string | null;
}

export interface GitHubUpstream {
  readonly org: string;
  /** first day any Copilot report exists (2025-10-10) */
  readonly copilotFirstDay: string;
  /** day's org record, or undefined when that day's report does not exist (not ready yet, or out of range) */
  copilotOrgRecord(day: string): CopilotOrgRecord | undefined;
  /** day's per-user records (empty array when nobody was active); undefined when the report does not exist */
  copilotUserRecords(day: string): readonly CopilotUserRecord[] | undefined;
  /** all logins that have public activity, sorted */
  logins(): readonly string[];
  /** events of one login as of now, newest first (the API's 30-day / 300-event limits are the simulator's job) */
  publicEvents(login: string): readonly GitHubEvent[];
  /** course repositories of the `skills` org as of now */
  skillsCourses(): readonly SkillsCourseRepo[];
  /** learner repositories as of now (public and private; the simulator hides private ones) */
  learnerRepos(): readonly LearnerRepo[];
}

export interface WorldUpstream {
  readonly seed: number;
  readonly people: number;
  readonly now: Date;
  readonly kusto: KustoUpstream;
  readonly github: GitHubUpstream;
}
