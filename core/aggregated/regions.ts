/**
 * Schema of data/aggregated/regions.json (registered in core/aggregated/schemas.ts): per-region people, exams and
 * certifications. A region whose cells would mostly be suppressed is merged into "other" (its members listed);
 * "all" is every region together (the same cells as the overall figures of certifications.json and exams.json).
 */
import { z } from "zod";
import { cellSchema, certOrAll, envelope, fiscalYear } from "./parts.ts";

/** The sales regions of data/schema/unified_users.json. */
export const REGION_CODES = ["AMER", "APAC", "EMEA", "LATAM", "UNKNOWN"] as const;

/** A region stands alone when at most this share of its non-zero cells counts 1–4 people (else it is merged). */
export const MAX_SMALL_SHARE = 0.1;

export const regionSlug = z.string().regex(/^[a-z]+$/);

export const regionsSchema = z
  .object({
    ...envelope,
    file: z.literal("regions"),
    regions: z
      .array(
        z
          .object({
            region: regionSlug.describe("URL slug: a region code in lower case, 'other' (merged) or 'all'."),
            label: z.string(),
            members: z.array(z.enum(REGION_CODES)).describe("The source regions this row counts."),
            merged_for_small_cells: z
              .array(z.enum(REGION_CODES))
              .describe(
                "'other' only: the members merged because too many of their own cells count 1–4 people (the rest joined so that no region is shown alone under another name); empty elsewhere.",
              ),
            people: cellSchema,
            people_examined: cellSchema,
            certified_people: cellSchema,
            certified_share: cellSchema.describe("certified_people / people"),
          })
          .strict(),
      )
      .describe("One row per published region, then 'other' (when any region was merged), then 'all'."),
    certifications: z.array(
      z
        .object({ region: regionSlug, certification: certOrAll.exclude(["all"]), people: cellSchema })
        .strict()
        .describe("People holding the certification (one certification per person counted once)."),
    ),
    by_fiscal_year: z.array(
      z
        .object({
          region: regionSlug,
          fiscal_year: fiscalYear,
          completed: cellSchema,
          passed: cellSchema,
          pass_rate: cellSchema,
        })
        .strict()
        .describe("Exams completed and passed in the fiscal year of the exam, and passed / completed."),
    ),
  })
  .strict();

export type Regions = z.infer<typeof regionsSchema>;
