/** Opens the engine the caller names: DuckDB over the CSVs (default) or Kusto's aggregate database. */
import { openDuckEngine } from "./duckdb.ts";
import { kustoTargetFromEnv, openKustoEngine } from "./kusto.ts";
import type { Engine, EngineName } from "./types.ts";

export type { AnyQuery, Engine, EngineName, QueryName, SqlRow } from "./types.ts";
export { ENGINES, isEngineName, QUERIES } from "./types.ts";

export interface OpenEngineOptions {
  /** DuckDB's thread count (default: DuckDB's) */
  readonly threads?: number | undefined;
  /** where KUSTO_AGG_URL / KUSTO_AGG_DATABASE are read (default: process.env) */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

export async function openEngine(name: EngineName, opts: OpenEngineOptions = {}): Promise<Engine> {
  if (name === "kusto") return openKustoEngine(kustoTargetFromEnv(opts.env ?? process.env));
  return openDuckEngine(opts.threads);
}
