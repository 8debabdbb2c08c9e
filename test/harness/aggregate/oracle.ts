/**
 * The correctness oracle: plain streaming TypeScript (csv-parse through core/csv.ts) recomputing a
 * representative subset of the DuckDB aggregates — cert_quarters, exams_cube, journey_funnel, activity_products —
 * with the same row shapes, so a test (and the bench) can require equality.
 */
import { readDataset } from "#core/csv.ts";
import { fiscalQuarter, fiscalYear } from "#core/fiscal.ts";
import type { Row } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";
import type { SqlRow } from "../../../actions/aggregate/src/raw.ts";

export const ORACLE_QUERIES = ["cert_quarters", "exams_cube", "journey_funnel", "activity_products"] as const;
export type OracleQuery = (typeof ORACLE_QUERIES)[number];

const s = (r: Row, k: string): string => {
  const v = r[k];
  return typeof v === "string" ? v : "";
};
const n = (r: Row, k: string): number => {
  const v = r[k];
  return typeof v === "number" ? v : 0;
};

function count<K extends string>(map: Map<string, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Canonical order for comparing result sets: rows as JSON, sorted. */
export function canonical(rows: readonly SqlRow[]): string[] {
  return rows
    .map((r) =>
      JSON.stringify(
        Object.keys(r)
          .sort()
          .map((k) => [k, r[k]]),
      ),
    )
    .sort();
}

async function firstCertifications(dataDir: string): Promise<Map<string, string>> {
  const first = new Map<string, string>();
  for await (const r of readDataset(dataDir, getSchema("certified_users"))) {
    const u = s(r, "user_id");
    const at = s(r, "certified_at");
    const old = first.get(u);
    if (old === undefined || at < old) first.set(u, at);
  }
  return first;
}

export async function oracleCertQuarters(dataDir: string): Promise<SqlRow[]> {
  const per = new Map<string, number>();
  for await (const r of readDataset(dataDir, getSchema("certified_users"))) {
    count(per, `${s(r, "certification")}|${fiscalQuarter(s(r, "certified_at"))}`);
  }
  for (const at of (await firstCertifications(dataDir)).values()) count(per, `all|${fiscalQuarter(at)}`);
  return [...per].map(([k, people]) => {
    const [certification = "", period = ""] = k.split("|");
    return { certification, period, people };
  });
}

export async function oracleExamsCube(dataDir: string): Promise<SqlRow[]> {
  const cube = new Map<string, number>();
  for await (const r of readDataset(dataDir, getSchema("individual_exams"))) {
    const key = [
      s(r, "certification"),
      s(r, "fiscal_year"),
      s(r, "exam_source"),
      s(r, "delivery") || "unknown",
      s(r, "status"),
      r.passed === true ? "true" : "false",
    ].join("|");
    count(cube, key);
  }
  return [...cube].map(([k, exams]) => {
    const [certification = "", fiscal_year = "", exam_source = "", delivery = "", status = "", passed] = k.split("|");
    return { certification, fiscal_year, exam_source, delivery, status, passed: passed === "true", exams };
  });
}

const STAGE_DATES = [
  "first_learning_on",
  "first_skills_on",
  "first_registration_on",
  "first_exam_on",
  "first_certification_on",
  "first_product_use_after_cert_on",
];

export async function oracleJourneyFunnel(dataDir: string): Promise<SqlRow[]> {
  const out = new Map<string, number>();
  for await (const r of readDataset(dataDir, getSchema("journey_complete"))) {
    const stage = s(r, "current_stage");
    if (stage === "none") continue;
    const dates = STAGE_DATES.map((f) => s(r, f)).filter((d) => d !== "");
    if (dates.length === 0) continue;
    count(out, `${fiscalYear(dates.sort()[0] ?? "")}|${stage}`);
  }
  return [...out].map(([k, people]) => {
    const [cohort = "", stage = ""] = k.split("|");
    return { cohort, stage, people };
  });
}

function nextMonthStart(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01T00:00:00Z` : `${y}-${String(m + 1).padStart(2, "0")}-01T00:00:00Z`;
}

export async function oracleActivityProducts(dataDir: string): Promise<SqlRow[]> {
  const first = await firstCertifications(dataDir);
  const people = new Map<string, Set<string>>();
  const events = new Map<string, number>();
  for await (const r of readDataset(dataDir, getSchema("product_usage"))) {
    const u = s(r, "user_id");
    const month = s(r, "month").slice(0, 7);
    const at = first.get(u);
    const certified = at !== undefined && at < nextMonthStart(month);
    for (const product of [s(r, "product"), "all"]) {
      const key = `${month}|${product}|${certified}`;
      const set = people.get(key) ?? new Set<string>();
      set.add(u);
      people.set(key, set);
      count(events, key, n(r, "events"));
    }
  }
  return [...people].map(([k, set]) => {
    const [month = "", product = "", certified] = k.split("|");
    return { month, product, certified: certified === "true", people: set.size, events: events.get(k) ?? 0 };
  });
}

export async function runOracle(dataDir: string): Promise<Record<OracleQuery, SqlRow[]>> {
  return {
    cert_quarters: await oracleCertQuarters(dataDir),
    exams_cube: await oracleExamsCube(dataDir),
    journey_funnel: await oracleJourneyFunnel(dataDir),
    activity_products: await oracleActivityProducts(dataDir),
  };
}
