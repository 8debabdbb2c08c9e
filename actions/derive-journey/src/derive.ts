/**
 * journey_complete: each person's first date at every stage, derived from the committed CSVs of the source datasets
 * (unified_users, learning_activity, skills_enrollments, individual_exams, certified_users, product_usage).
 * A missing input dataset counts as empty, except unified_users (the people), without which nothing is derived.
 */
import { readDataset } from "#core/csv.ts";
import { datasetFiles } from "#core/files.ts";
import type { Row, Value } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";

export const STAGES = ["none", "learning", "skills", "registered", "examined", "certified", "product"] as const;

interface Journey {
  user_id: string;
  github_login: string | null;
  first_learning_on: string | null;
  first_skills_on: string | null;
  first_registration_on: string | null;
  first_exam_on: string | null;
  first_certification_on: string | null;
  first_product_use_after_cert_on: string | null;
}

const day = (v: Value | undefined): string | null => (typeof v === "string" && v.length >= 10 ? v.slice(0, 10) : null);
const min = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || a <= b ? a : b);

async function* rowsOf(dataDir: string, name: string): AsyncGenerator<Row> {
  const schema = getSchema(name);
  if (datasetFiles(dataDir, schema).files.length === 0) return;
  yield* readDataset(dataDir, schema);
}

export function stageOf(j: Journey): string {
  const reached = [
    j.first_learning_on,
    j.first_skills_on,
    j.first_registration_on,
    j.first_exam_on,
    j.first_certification_on,
    j.first_product_use_after_cert_on,
  ];
  let stage = 0;
  reached.forEach((d, i) => {
    if (d !== null) stage = i + 1;
  });
  return STAGES[stage] ?? "none";
}

export function hasPeople(dataDir: string): boolean {
  return datasetFiles(dataDir, getSchema("unified_users")).files.length > 0;
}

export async function deriveJourney(dataDir: string): Promise<Row[]> {
  const people = new Map<string, Journey>();
  const byLogin = new Map<string, Journey[]>();
  for await (const u of rowsOf(dataDir, "unified_users")) {
    const login = typeof u.github_login === "string" ? u.github_login : null;
    const j: Journey = {
      user_id: String(u.user_id),
      github_login: login,
      first_learning_on: null,
      first_skills_on: null,
      first_registration_on: null,
      first_exam_on: null,
      first_certification_on: null,
      first_product_use_after_cert_on: null,
    };
    people.set(j.user_id, j);
    if (login) byLogin.set(login.toLowerCase(), [...(byLogin.get(login.toLowerCase()) ?? []), j]);
  }
  for await (const r of rowsOf(dataDir, "learning_activity")) {
    const j = people.get(String(r.user_id));
    if (j) j.first_learning_on = min(j.first_learning_on, day(r.date));
  }
  for await (const r of rowsOf(dataDir, "skills_enrollments")) {
    for (const j of byLogin.get(String(r.owner).toLowerCase()) ?? []) {
      j.first_skills_on = min(j.first_skills_on, day(r.created_at));
    }
  }
  for await (const r of rowsOf(dataDir, "individual_exams")) {
    const j = people.get(String(r.user_id));
    if (!j) continue;
    j.first_registration_on = min(j.first_registration_on, day(r.registered_at));
    j.first_exam_on = min(j.first_exam_on, day(r.taken_at));
  }
  for await (const r of rowsOf(dataDir, "certified_users")) {
    const j = people.get(String(r.user_id));
    if (j) j.first_certification_on = min(j.first_certification_on, day(r.certified_at));
  }
  for await (const r of rowsOf(dataDir, "product_usage")) {
    const j = people.get(String(r.user_id));
    const month = day(r.month);
    if (!j || j.first_certification_on === null || month === null) continue;
    if (month >= `${j.first_certification_on.slice(0, 7)}-01`) {
      j.first_product_use_after_cert_on = min(j.first_product_use_after_cert_on, month);
    }
  }
  return [...people.values()].map((j) => ({ ...j, current_stage: stageOf(j) }));
}
