/** Runs every aggregate query (sql/<name>.sql) and types its rows: the engine's whole output. */
import { type Duck, runSql, type SqlRow, sqlText } from "./duck.ts";

export type { SqlRow };

export const QUERIES = [
  "cert_quarters",
  "cert_status",
  "cert_time",
  "exams_cube",
  "exams_quarters",
  "exams_retakes",
  "exams_scores",
  "journey_funnel",
  "journey_durations",
  "copilot_days",
  "copilot_languages",
  "skills_months",
  "skills_courses",
  "activity_products",
  "activity_github",
  "activity_github_periods",
  "product_quarters",
  "regions",
] as const;
export type QueryName = (typeof QUERIES)[number];
export type RawResults = Record<QueryName, SqlRow[]>;
export type SqlRowLike = SqlRow;

export async function installMacros(duck: Duck): Promise<void> {
  await duck.query(sqlText("_macros", "1970-01-01T00:00:00Z"));
}

export async function runQueries(duck: Duck, asOf: string): Promise<RawResults> {
  const out: Partial<RawResults> = {};
  for (const q of QUERIES) out[q] = await runSql(duck, q, asOf);
  return out as RawResults;
}

export function str(row: SqlRow, key: string): string {
  const v = row[key];
  if (typeof v !== "string") throw new Error(`column ${key}: expected a string, got ${String(v)}`);
  return v;
}

export function optStr(row: SqlRow, key: string): string | null {
  const v = row[key];
  return typeof v === "string" ? v : null;
}

export function num(row: SqlRow, key: string): number {
  const v = row[key];
  if (typeof v !== "number") throw new Error(`column ${key}: expected a number, got ${String(v)}`);
  return v;
}

export function optNum(row: SqlRow, key: string): number | null {
  const v = row[key];
  return typeof v === "number" ? v : null;
}

export function bool(row: SqlRow, key: string): boolean {
  return row[key] === true;
}

export function optBool(row: SqlRow, key: string): boolean | null {
  const v = row[key];
  return typeof v === "boolean" ? v : null;
}
