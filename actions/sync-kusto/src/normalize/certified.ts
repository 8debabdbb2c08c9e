/**
 * certified_users: per person and certification, from passed exams of both clusters. certified_at = the first
 * passing exam's taken_at (its exam_id, source and fiscal year); expires_at = two years after the latest pass.
 */

import type { ExamRecord } from "#core/exams.ts";
import { fiscalYear } from "#core/fiscal.ts";
import type { Row } from "#core/format.ts";
import { BATCH_ROWS, flat, type Uid, type Upstream } from "./common.ts";
import { type ExamRow, individualExams } from "./exams.ts";
import { isoOf as iso, plusYears, secondsOf as seconds } from "./instants.ts";

export { plusYears } from "./instants.ts";

/**
 * One entry per person × certification (462,541 at scale M), held compactly: the key `user_id|certification` maps
 * to a slot of parallel columns (first and last pass as epoch seconds, the first pass's exam id and source) rather
 * than to an object holding the whole exam row.
 */
class CertTable {
  readonly slots = new Map<string, number>();
  first: Float64Array<ArrayBuffer> = new Float64Array(1024);
  last: Float64Array<ArrayBuffer> = new Float64Array(1024);
  readonly examIds: string[] = [];
  readonly sources: string[] = [];

  add(key: string, at: number, examId: string, source: string): void {
    const slot = this.slots.get(key);
    if (slot === undefined) {
      const n = this.slots.size;
      if (n === this.first.length) {
        this.first = grow(this.first);
        this.last = grow(this.last);
      }
      this.slots.set(flat(key), n);
      this.first[n] = at;
      this.last[n] = at;
      this.examIds.push(flat(examId));
      this.sources.push(source);
      return;
    }
    const first = this.first[slot] ?? at;
    if (at < first || (at === first && examId < (this.examIds[slot] ?? examId))) {
      this.first[slot] = at;
      this.examIds[slot] = flat(examId);
      this.sources[slot] = source;
    }
    if (at > (this.last[slot] ?? at)) this.last[slot] = at;
  }
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** certified_users of a stream of individual_exams batches, in batches of BATCH_ROWS. */
export async function* certifiedOf(exams: AsyncIterable<readonly ExamRow[]>): AsyncGenerator<readonly Row[]> {
  const certs = new CertTable();
  for await (const batch of exams) {
    for (const e of batch) {
      if (e.passed !== true || e.taken_at === null) continue;
      certs.add(`${e.user_id}|${e.certification}`, seconds(e.taken_at), e.exam_id, e.exam_source);
    }
  }
  let out: Row[] = [];
  for (const [key, slot] of certs.slots) {
    const bar = key.indexOf("|");
    const certifiedAt = iso(certs.first[slot] ?? 0);
    if (out.length === BATCH_ROWS) {
      yield out;
      out = [];
    }
    out.push({
      user_id: key.slice(0, bar),
      certification: key.slice(bar + 1),
      certified_at: certifiedAt,
      expires_at: plusYears(iso(certs.last[slot] ?? 0), 2),
      fiscal_year: fiscalYear(certifiedAt),
      exam_source: certs.sources[slot] ?? "",
      exam_id: certs.examIds[slot] ?? "",
    });
  }
  yield out;
}

/** The exams certified_users reads: passes with a time taken (certifiedOf skips any other). */
const certifying = (e: ExamRecord): boolean => e.passed === true && e.taken_at !== null;

export function certifiedUsers(upstream: Upstream, uid: Uid): AsyncGenerator<readonly Row[]> {
  return certifiedOf(individualExams(upstream, uid, certifying));
}
