/** Runs every aggregate query through an engine and types its rows: the engine's whole output. */
import { type Engine, QUERIES, type QueryName, type SqlRow } from "./engine/index.ts";

export type { QueryName, SqlRow };
export { QUERIES };

export type RawResults = Record<QueryName, SqlRow[]>;
export type SqlRowLike = SqlRow;

export async function runQueries(engine: Engine, asOf: string): Promise<RawResults> {
  const out: Partial<RawResults> = {};
  for (const q of QUERIES) out[q] = await engine.rows(q, asOf);
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
