/**
 * Issue 17, grain that adapts to k: Copilot series published at the finest period (day, ISO week, month, fiscal
 * quarter) whose cells clear the small-cell rule — each cell the most users on one day of the period.
 */
import { z } from "zod";
import { cellSchema, fiscalQuarter, isoDate, isoWeek, month } from "./parts.ts";

export const PEAK_GRAINS = ["day", "week", "month", "quarter"] as const;

const peakSeries = <F extends string>(fields: readonly F[]) =>
  z
    .object({
      grain: z.enum(PEAK_GRAINS),
      rows: z.array(
        z
          .object({
            period: z.union([isoDate, isoWeek, month, fiscalQuarter]),
            /** complete days of the period (its report ready) */
            days_complete: z.number().int().nonnegative(),
            ...(Object.fromEntries(fields.map((f) => [f, cellSchema])) as Record<F, typeof cellSchema>),
          })
          .strict(),
      ),
    })
    .strict();

export const ACTIVE_FIELDS = ["daily_active_users", "engaged_users"] as const;
export const FEATURE_FIELDS = ["chat_users", "agent_users", "cli_users"] as const;

export const copilotPeaksSchema = z
  .object({ active: peakSeries(ACTIVE_FIELDS), features: peakSeries(FEATURE_FIELDS) })
  .strict()
  .describe(
    "per series, the finest grain whose cells are at most 10% suppressed: each cell is the most users on one complete, published day of the period (a count under 5 is suppressed; a period without a ready day is null)",
  );

export type CopilotPeaks = z.infer<typeof copilotPeaksSchema>;
