/**
 * certified_users: per person and certification, from passed exams of both clusters. certified_at = the first
 * passing exam's taken_at (its exam_id, source and fiscal year); expires_at = two years after the latest pass.
 */

import { fiscalYear } from "../../../shared/fiscal.ts";
import type { Row } from "../../../shared/format.ts";
import type { NormalizeEnv } from "./common.ts";
import { type ExamRow, individualExams } from "./exams.ts";

interface Cert {
  first: ExamRow;
  firstAt: string;
  lastAt: string;
}

export function plusYears(at: string, years: number): string {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return `${d.toISOString().slice(0, 19)}Z`;
}

export async function* certifiedUsers(env: NormalizeEnv): AsyncGenerator<Row> {
  const certs = new Map<string, Cert>();
  for await (const e of individualExams(env)) {
    if (e.passed !== true || e.taken_at === null) continue;
    const key = `${e.user_id}|${e.certification}`;
    const c = certs.get(key);
    if (!c) {
      certs.set(key, { first: e, firstAt: e.taken_at, lastAt: e.taken_at });
      continue;
    }
    if (e.taken_at < c.firstAt || (e.taken_at === c.firstAt && e.exam_id < c.first.exam_id)) {
      c.first = e;
      c.firstAt = e.taken_at;
    }
    if (e.taken_at > c.lastAt) c.lastAt = e.taken_at;
  }
  for (const c of certs.values()) {
    yield {
      user_id: c.first.user_id,
      certification: c.first.certification,
      certified_at: c.firstAt,
      expires_at: plusYears(c.lastAt, 2),
      fiscal_year: fiscalYear(c.firstAt),
      exam_source: c.first.exam_source,
      exam_id: c.first.exam_id,
    };
  }
}
