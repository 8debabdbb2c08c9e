/** What both aggregate engines implement: the named queries' rows, nothing after them (suppression etc. is shared). */

export type SqlRow = Record<string, string | number | boolean | null>;

export const ENGINES = ["duckdb", "kusto"] as const;
export type EngineName = (typeof ENGINES)[number];

/** The aggregates' queries (sql/<name>.sql and kql/<name>.kql), in the order they run. */
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
/** Every query an engine answers: the aggregates' and the as-of fallback. */
export type AnyQuery = QueryName | "as_of_fallback";

export interface Engine {
  readonly name: EngineName;
  /**
   * Makes the data directory's datasets queryable. DuckDB loads its CSVs; Kusto's aggregate database already holds
   * them (ingested elsewhere), so there is nothing to load.
   */
  load(dataDir: string): Promise<void>;
  /** The rows of one query at `asOf` (UTC datetime YYYY-MM-DDTHH:MM:SSZ), as the DuckDB engine's toPlain gives them. */
  rows(name: AnyQuery, asOf: string): Promise<SqlRow[]>;
  close(): void;
}

export function isEngineName(name: string): name is EngineName {
  return (ENGINES as readonly string[]).includes(name);
}
