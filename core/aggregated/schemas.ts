/**
 * The output contract of aggregation: one zod schema per `data/aggregated/<file>.json`. The site, `npm run validate`
 * and the worker import these same definitions; `data/schema/aggregated/<file>.json` are JSON Schemas generated from
 * them (`npm run aggregate -- --schemas`). Documented field by field in docs/aggregation.md.
 */
import { z } from "zod";
import { copilotPeaksSchema } from "./grain.ts";
import {
  cellSchema,
  certOrAll,
  envelope,
  fiscalQuarter,
  fiscalYear,
  isoDate,
  isoWeek,
  JOURNEY_STAGES,
  month,
} from "./parts.ts";
import { regionsSchema } from "./regions.ts";

export {
  AGGREGATED_SCHEMA_VERSION,
  CERTIFICATIONS,
  type Cell,
  cellSchema,
  freshnessSchema,
  JOURNEY_STAGES,
  type Source,
  sourceSchema,
} from "./parts.ts";

const periodRow = <P extends z.ZodString>(period: P) =>
  z.object({ certification: certOrAll, period, new: cellSchema, cumulative: cellSchema }).strict();

export const certificationsSchema = z
  .object({
    ...envelope,
    file: z.literal("certifications"),
    by_quarter: z.array(periodRow(fiscalQuarter)),
    by_fiscal_year: z.array(periodRow(fiscalYear)),
    status: z
      .array(
        z.object({ certification: certOrAll, active: cellSchema, expired: cellSchema, total: cellSchema }).strict(),
      )
      .describe("Certifications (not people) active vs expired at as_of; 'all' sums the certifications."),
    time_to_certify: z.array(
      z
        .object({ certification: certOrAll, people: cellSchema, median_days: cellSchema, p90_days: cellSchema })
        .strict(),
    ),
  })
  .strict();

const examCounts = {
  registrations: cellSchema,
  completed: cellSchema,
  passed: cellSchema,
  failed: cellSchema,
  no_show: cellSchema,
  cancelled: cellSchema,
  pending: cellSchema,
  pass_rate: cellSchema,
};

export const examsSchema = z
  .object({
    ...envelope,
    file: z.literal("exams"),
    by_exam_year: z.array(
      z
        .object({ certification: certOrAll, fiscal_year: z.union([fiscalYear, z.literal("all")]), ...examCounts })
        .strict(),
    ),
    by_source: z.array(
      z.object({ fiscal_year: fiscalYear, exam_source: z.enum(["legacy", "pearson"]), ...examCounts }).strict(),
    ),
    delivery: z.array(
      z
        .object({ fiscal_year: fiscalYear, delivery: z.enum(["online", "test_center", "unknown"]), exams: cellSchema })
        .strict(),
    ),
    retakes: z.array(
      z
        .object({
          certification: certOrAll,
          people_examined: cellSchema,
          people_single_attempt: cellSchema,
          people_retook: cellSchema,
          retake_rate: cellSchema,
        })
        .strict(),
    ),
    score_distribution: z.array(
      z
        .object({
          certification: certOrAll,
          scored: cellSchema,
          bins: z.array(z.object({ from: z.number().int(), to: z.number().int(), exams: cellSchema }).strict()),
        })
        .strict(),
    ),
  })
  .strict();

export const journeySchema = z
  .object({
    ...envelope,
    file: z.literal("journey"),
    stages: z.array(z.enum(JOURNEY_STAGES)),
    cohorts: z.array(
      z
        .object({
          cohort: z.union([fiscalYear, z.literal("all")]),
          stage_groups: z
            .array(z.array(z.enum(JOURNEY_STAGES)).min(1))
            .optional()
            .describe(
              "grain that adapts to k: the stages shown, each with the stages merged into it (absent: every stage alone); a merged-away stage's reached is suppressed and conversion_from_previous is from the previous group",
            ),
          stages: z.array(
            z
              .object({
                stage: z.enum(JOURNEY_STAGES),
                reached: cellSchema,
                conversion_from_previous: cellSchema,
                median_days_from_previous: cellSchema,
                people_with_both_dates: cellSchema,
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

const copilotMeasures = {
  code_generations: cellSchema,
  code_acceptances: cellSchema,
  acceptance_rate: cellSchema,
  loc_suggested: cellSchema,
  loc_added: cellSchema,
};

const copilotRollup = {
  days_complete: z.number().int().nonnegative(),
  days_not_ready: z.number().int().nonnegative(),
  days_suppressed: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe("Complete days left out of the sums and averages because they had 1–4 active users (always written)."),
  avg_daily_active_users: cellSchema,
  avg_engaged_users: cellSchema,
  avg_chat_users: cellSchema.optional().describe("Average daily chat users over the published days (always written)."),
  avg_agent_users: cellSchema
    .optional()
    .describe("Average daily agent-mode users over the published days (always written)."),
  max_monthly_active_users: cellSchema,
  ...copilotMeasures,
  loc_deleted: cellSchema,
};

export const copilotSchema = z
  .object({
    ...envelope,
    file: z.literal("copilot"),
    org: z.string().nullable(),
    days: z.array(
      z
        .object({
          day: isoDate,
          status: z.enum(["complete", "not_ready"]),
          daily_active_users: cellSchema,
          weekly_active_users: cellSchema,
          monthly_active_users: cellSchema,
          engaged_users: cellSchema,
          chat_users: cellSchema,
          agent_users: cellSchema,
          cli_users: cellSchema,
          ...copilotMeasures,
          loc_deleted: cellSchema,
        })
        .strict(),
    ),
    weeks: z.array(z.object({ week: isoWeek, ...copilotRollup }).strict()),
    months: z.array(z.object({ month, ...copilotRollup }).strict()),
    languages: z
      .object({
        top_n: z.number().int().positive(),
        totals: z.array(z.object({ language: z.string(), max_daily_users: cellSchema, ...copilotMeasures }).strict()),
        by_month: z.array(
          z.object({ month, language: z.string(), max_daily_users: cellSchema, ...copilotMeasures }).strict(),
        ),
      })
      .strict(),
    peaks: copilotPeaksSchema.optional(),
  })
  .strict();

export const skillsSchema = z
  .object({
    ...envelope,
    file: z.literal("skills"),
    courses: z.array(
      z
        .object({
          course: z.string(),
          title: z.string().nullable(),
          is_template: z.boolean().nullable(),
          archived: z.boolean().nullable(),
          stargazers: cellSchema,
          forks: cellSchema,
          enrollments: cellSchema,
          fork: cellSchema,
          template: cellSchema,
        })
        .strict(),
    ),
    popular: z.array(z.object({ rank: z.number().int().positive(), course: z.string(), enrollments: z.number() })),
    by_month: z.array(
      z
        .object({ course: z.string(), month, enrollments: cellSchema, fork: cellSchema, template: cellSchema })
        .strict()
        .describe("course 'all' sums every course; months without enrollments are omitted (0)."),
    ),
  })
  .strict();

const splitPeople = {
  active_people: cellSchema,
  certified_people: cellSchema,
  not_certified_people: cellSchema,
  certified_events_per_person: cellSchema,
  not_certified_events_per_person: cellSchema,
};

export const activitySchema = z
  .object({
    ...envelope,
    file: z.literal("activity"),
    products: z.array(z.string()),
    product_by_month: z.array(z.object({ month, product: z.string(), ...splitPeople }).strict()),
    github_by_month: z.array(z.object({ month, ...splitPeople }).strict()),
    github_by_period: z
      .object({
        grain: z.enum(["month", "quarter", "year"]),
        rows: z.array(z.object({ period: z.union([month, fiscalQuarter, fiscalYear]), ...splitPeople }).strict()),
      })
      .strict()
      .optional()
      .describe(
        "the GitHub split at the finest grain (month, fiscal quarter, fiscal year) whose rows are at most 10% suppressed; a person is certified in a period when certified before it ended",
      ),
  })
  .strict();

export const KPI_IDS = [
  "certified_people",
  "exams_completed",
  "pass_rate",
  "skills_enrollments",
  "copilot_avg_daily_active_users",
  "product_active_people",
] as const;

export const kpisSchema = z
  .object({
    ...envelope,
    file: z.literal("kpis"),
    period: z.object({ current: fiscalQuarter, previous: fiscalQuarter, current_through: isoDate }).strict(),
    kpis: z.array(
      z
        .object({
          id: z.enum(KPI_IDS),
          label: z.string(),
          unit: z.enum(["people", "exams", "enrollments", "rate", "users"]),
          kind: z.enum(["stock", "flow"]),
          current: cellSchema,
          previous: cellSchema,
          delta: cellSchema,
        })
        .strict(),
    ),
  })
  .strict();

/** File name (without .json) → schema. The order is the order files are written and documented. */
export const AGGREGATED_SCHEMAS = {
  certifications: certificationsSchema,
  exams: examsSchema,
  journey: journeySchema,
  copilot: copilotSchema,
  skills: skillsSchema,
  activity: activitySchema,
  kpis: kpisSchema,
  regions: regionsSchema,
} as const;

export type AggregatedFile = keyof typeof AGGREGATED_SCHEMAS;
export const AGGREGATED_FILES = Object.keys(AGGREGATED_SCHEMAS) as AggregatedFile[];

export type Certifications = z.infer<typeof certificationsSchema>;
export type Exams = z.infer<typeof examsSchema>;
export type Journey = z.infer<typeof journeySchema>;
export type Copilot = z.infer<typeof copilotSchema>;
export type Skills = z.infer<typeof skillsSchema>;
export type Activity = z.infer<typeof activitySchema>;
export type Kpis = z.infer<typeof kpisSchema>;
export { REGION_CODES, type Regions } from "./regions.ts";
/** Every aggregated file at once, as the site and the privacy audit read them. */
export type AggregatedSet = { readonly [F in AggregatedFile]: z.infer<(typeof AGGREGATED_SCHEMAS)[F]> };

/** JSON Schema of one output file, generated from its zod definition. */
export function aggregatedJsonSchema(file: AggregatedFile): unknown {
  return {
    ...z.toJSONSchema(AGGREGATED_SCHEMAS[file], { unrepresentable: "any" }),
    $id: `aggregated/${file}.json`,
    title: `ACE aggregated ${file}`,
    description: `data/aggregated/${file}.json, generated from actions/aggregate/schemas.ts.`,
  };
}
