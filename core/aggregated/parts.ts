/** Building blocks of the aggregated-file schemas (re-exported by core/aggregated/schemas.ts). */
import { z } from "zod";

export const AGGREGATED_SCHEMA_VERSION = 1 as const;
export const CERTIFICATIONS = ["GH-100", "GH-200", "GH-300", "GH-500", "GH-900"] as const;
export const JOURNEY_STAGES = ["learning", "skills", "registered", "examined", "certified", "product"] as const;

export const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const fiscalYear = z.string().regex(/^FY\d{2}$/);
export const fiscalQuarter = z.string().regex(/^FY\d{2}-Q[1-4]$/);
export const month = z.string().regex(/^\d{4}-\d{2}$/);
export const isoWeek = z.string().regex(/^\d{4}-W\d{2}$/);
export const certOrAll = z.enum(["all", ...CERTIFICATIONS]);

/**
 * Every published number: `value` null either because it is suppressed (`suppressed: true`: it counts, or is computed
 * from a cell counting, 1–4 people, or it would let such a count be derived) or because it is undefined (a rate over
 * zero, a day whose report is not ready: `suppressed: false`).
 */
export const cellSchema = z
  .object({ value: z.number().nullable(), suppressed: z.boolean() })
  .strict()
  .refine((c) => !c.suppressed || c.value === null, "a suppressed cell has value null");
export type Cell = z.infer<typeof cellSchema>;

export const freshnessSchema = z.enum(["fresh", "stale", "never"]);

export const sourceSchema = z
  .object({
    dataset: z.string(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    last_success_at: isoDateTime.nullable(),
    rows: z.number().int().nonnegative().nullable(),
    status: z.string().nullable(),
    freshness: freshnessSchema,
    partial: z.boolean(),
  })
  .strict();

/** Common head of every file: what it was computed from and whether the site should warn. */
export const envelope = {
  $schema: z.string().optional(),
  schema_version: z.literal(AGGREGATED_SCHEMA_VERSION),
  file: z.string(),
  as_of: isoDateTime,
  min_cell: z.literal(5),
  generated_from: z.array(sourceSchema),
  flags: z
    .object({
      stale: z.boolean(),
      partial: z.boolean(),
      missing: z.boolean(),
      stale_datasets: z.array(z.string()),
      partial_datasets: z.array(z.string()),
      missing_datasets: z.array(z.string()),
    })
    .strict(),
};
export type Source = z.infer<typeof sourceSchema>;
