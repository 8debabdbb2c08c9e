/**
 * Report files as GitHub serves them behind `download_links`, read tolerantly:
 * - a file is NDJSON (one record per line: the users-1-day files, google/go-github#4149) or one whole JSON document,
 *   possibly pretty-printed (the organization-1-day file, go-github#4149/#4177), possibly a JSON array of records
 *   (the docs' example schema shows the user-level data as an array);
 * - an organization report is a flat per-day object with the totals at the top level (the real 1-day file,
 *   go-github#4149), or a report object `{report_start_day, report_end_day, day_totals: [{day, …}, …]}` (the docs'
 *   example schema, the 28-day file); a `day_totals` object beside a top-level `day` is read too (no public source
 *   shows it; kept because it cannot be confused with the others).
 * Unknown fields are ignored; a needed value that is missing or mistyped is refused with the day and the field named
 * (never the upstream value).
 */
import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const count = z.number().int().nonnegative();

export const dayTotalsSchema = z.object({
  day: z.string().regex(DAY),
  daily_active_users: count,
  weekly_active_users: count,
  monthly_active_users: count,
});
export type DayTotals = z.infer<typeof dayTotalsSchema>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The top-level JSON values of one downloaded file: a whole document (object → itself, array → its elements) when
 * the file parses as one, else one value per non-empty line. A line that is not JSON is an error naming the line.
 */
export function parseDocument(text: string, what: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  try {
    const whole: unknown = JSON.parse(trimmed);
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    // not one document: NDJSON
  }
  const out: unknown[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      out.push(JSON.parse(line));
    } catch {
      throw new Error(`${what}: line ${i + 1} is not valid JSON`);
    }
  });
  return out;
}

/** Why a record does not fit `schema`: the first failing field and zod's message (no value). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "record"}: ${issue.message}` : "invalid record";
}

/** Per-day candidates of an organization report, whatever its documented shape. */
function perDay(value: unknown): unknown[] {
  if (!isObject(value)) return [value];
  const totals = value.day_totals;
  if (Array.isArray(totals)) return totals;
  if (isObject(totals) && value.day !== undefined) return [{ ...totals, day: value.day }];
  return [value];
}

/**
 * The day's totals from an organization report's files. Refuses when no record is for `day`, or when that record
 * lacks a needed field (named).
 */
export function orgDayTotals(files: readonly string[], day: string): DayTotals {
  const what = `organization-1-day ${day}`;
  const candidates = files.flatMap((f) => parseDocument(f, what)).flatMap(perDay);
  const mine = candidates.filter((c) => isObject(c) && c.day === day);
  const first = mine[0];
  if (first === undefined) {
    const undated = candidates.some((c) => !isObject(c) || typeof c.day !== "string");
    throw new Error(
      `${what}: no record for that day${undated ? " (a record has no 'day' field: the report schema may have changed)" : ""}`,
    );
  }
  const r = dayTotalsSchema.safeParse(first);
  if (!r.success)
    throw new Error(`${what}: ${firstIssue(r.error)} (a needed field is missing or mistyped; not counted as zero)`);
  return r.data;
}

/** Every record of a users report's files, each checked against `schema`; errors name the file part and record. */
export function userRecords<T>(files: readonly string[], schema: z.ZodType<T>, day: string): T[] {
  const out: T[] = [];
  files.forEach((text, part) => {
    const what = `users-1-day ${day}${files.length > 1 ? ` (file ${part + 1} of ${files.length})` : ""}`;
    parseDocument(text, what).forEach((v, i) => {
      const r = schema.safeParse(v);
      if (!r.success)
        throw new Error(
          `${what}: record ${i + 1}: ${firstIssue(r.error)} (required field missing or mistyped; the report schema may have changed)`,
        );
      out.push(r.data);
    });
  });
  return out;
}
