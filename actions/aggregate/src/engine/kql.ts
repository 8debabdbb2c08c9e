/**
 * The KQL side of the aggregate queries: the text of `actions/aggregate/kql/<name>.kql`, the result each must return
 * (column names and Kusto types, checked by the analyzer test and again on every response), and the finishing step
 * that makes its rows equal to the SQL query's rows after DuckDB's toPlain:
 *  - a string column SQL can return NULL in comes back '' (Kusto strings are never null) and is read back as null;
 *  - cert_time and journey_durations return exact histograms (people per number of days) and the median and the
 *    0.9 discrete quantile are computed here (./quantiles.ts), as DuckDB computes them.
 * Mapping rules and the reasons: docs/kusto-engine.md ("Engine").
 */
import { readFileSync } from "node:fs";
import { SUM_FIELDS, USER_FIELDS } from "../build/copilot.ts";
import { type Bin, median, quantileDisc, total } from "./quantiles.ts";
import type { AnyQuery, SqlRow } from "./types.ts";

export const KQL_DIR = new URL("../../kql/", import.meta.url);

export type KqlType = "string" | "long" | "real" | "bool";

export interface KqlResult {
  /** the .kql's result columns, in order, as the analyzer and the response type them */
  readonly columns: readonly (readonly [string, KqlType])[];
  /** string columns where '' stands for SQL's NULL (data cells: an empty CSV cell is NULL in DuckDB, '' in Kusto) */
  readonly emptyIsNull?: readonly string[];
  /** histogram queries: the grouping columns (the rest are days and n) and what to compute per group */
  readonly histogram?: { readonly groups: readonly string[]; readonly p90: boolean };
}

const L = "long";
const S = "string";
const B = "bool";

export const KQL_RESULTS: Readonly<Record<AnyQuery, KqlResult>> = {
  as_of_fallback: { columns: [["as_of", S]], emptyIsNull: ["as_of"] },
  cert_quarters: {
    columns: [
      ["certification", S],
      ["period", S],
      ["people", L],
    ],
  },
  cert_status: {
    columns: [
      ["certification", S],
      ["active", L],
      ["expired", L],
    ],
  },
  cert_time: {
    columns: [
      ["certification", S],
      ["days", L],
      ["n", L],
    ],
    histogram: { groups: ["certification"], p90: true },
  },
  exams_cube: {
    columns: [
      ["certification", S],
      ["fiscal_year", S],
      ["exam_source", S],
      ["delivery", S],
      ["status", S],
      ["passed", B],
      ["exams", L],
    ],
  },
  exams_quarters: {
    columns: [
      ["period", S],
      ["completed", L],
      ["passed", L],
    ],
  },
  exams_retakes: {
    columns: [
      ["certification", S],
      ["examined", L],
      ["retook", L],
    ],
  },
  exams_scores: {
    columns: [
      ["certification", S],
      ["bin", L],
      ["exams", L],
    ],
  },
  journey_funnel: {
    columns: [
      ["cohort", S],
      ["stage", S],
      ["people", L],
    ],
  },
  journey_durations: {
    columns: [
      ["cohort", S],
      ["stage", S],
      ["days", L],
      ["n", L],
    ],
    histogram: { groups: ["cohort", "stage"], p90: false },
  },
  copilot_days: {
    columns: [["day", S], ["org", S], ["complete", B], ...[...USER_FIELDS, ...SUM_FIELDS].map((c) => [c, L] as const)],
  },
  copilot_languages: {
    columns: [
      ["day", S],
      ["language", S],
      ["users", L],
      ["code_generations", L],
      ["code_acceptances", L],
      ["loc_suggested", L],
      ["loc_added", L],
    ],
  },
  skills_months: {
    columns: [
      ["course", S],
      ["month", S],
      ["method", S],
      ["enrollments", L],
    ],
  },
  skills_courses: {
    columns: [
      ["course", S],
      ["title", S],
      ["is_template", B],
      ["archived", B],
      ["stargazers", L],
      ["forks", L],
    ],
    emptyIsNull: ["title"],
  },
  activity_products: {
    columns: [
      ["month", S],
      ["product", S],
      ["certified", B],
      ["people", L],
      ["events", L],
    ],
  },
  activity_github: {
    columns: [
      ["month", S],
      ["certified", B],
      ["people", L],
      ["events", L],
    ],
  },
  activity_github_periods: {
    columns: [
      ["grain", S],
      ["period", S],
      ["certified", B],
      ["people", L],
      ["events", L],
    ],
  },
  product_quarters: {
    columns: [
      ["period", S],
      ["people", L],
    ],
  },
  regions: {
    columns: [
      ["region", S],
      ["measure", S],
      ["dimension", S],
      ["n", L],
    ],
  },
};

const textCache = new Map<string, string>();

/** The text of kql/<name>.kql, sent as is (the as-of goes as a query parameter, never into the text). */
export function kqlText(name: AnyQuery): string {
  let text = textCache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`${name}.kql`, KQL_DIR), "utf8");
    textCache.set(name, text);
  }
  return text;
}

/** The response's rows (decoded cells, columns already checked) as the SQL query's rows. */
export function finishRows(name: AnyQuery, records: readonly Readonly<Record<string, unknown>>[]): SqlRow[] {
  const spec = KQL_RESULTS[name];
  const rows = records.map((r) => plain(name, r, spec));
  if (spec.emptyIsNull) {
    for (const row of rows) for (const c of spec.emptyIsNull) if (row[c] === "") row[c] = null;
  }
  return spec.histogram ? fromHistogram(rows, spec.histogram.groups, spec.histogram.p90) : rows;
}

function plain(name: AnyQuery, r: Readonly<Record<string, unknown>>, spec: KqlResult): SqlRow {
  const out: SqlRow = {};
  for (const [c] of spec.columns) {
    const v = r[c];
    if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[c] = v;
    else throw new Error(`${name}.kql: column ${c}: unsupported value type ${typeof v}`);
  }
  return out;
}

/** Histogram rows (groups…, days, n), groups in query order → one row per group: groups…, people, median_days[, p90_days]. */
function fromHistogram(rows: readonly SqlRow[], groups: readonly string[], p90: boolean): SqlRow[] {
  const byGroup = new Map<string, { key: SqlRow; bins: Bin[] }>();
  for (const row of rows) {
    const id = JSON.stringify(groups.map((g) => row[g]));
    let entry = byGroup.get(id);
    if (entry === undefined) {
      entry = { key: Object.fromEntries(groups.map((g) => [g, row[g] ?? null])), bins: [] };
      byGroup.set(id, entry);
    }
    const value = row.days;
    const count = row.n;
    if (typeof value !== "number" || typeof count !== "number") {
      throw new Error(`histogram row without numeric days / n: ${JSON.stringify(row)}`);
    }
    entry.bins.push({ value, count });
  }
  return [...byGroup.values()].map(({ key, bins }) => ({
    ...key,
    people: total(bins),
    median_days: median(bins),
    ...(p90 ? { p90_days: quantileDisc(bins, 0.9) } : {}),
  }));
}
