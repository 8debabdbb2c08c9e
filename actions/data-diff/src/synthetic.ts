/**
 * A fast synthetic `individual_exams` generator for tests and the bench: raw canonical CSV records sorted by key, and
 * a deterministic "next version" with a given share of rows changed, removed and added.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";

export const EXAM_HEADER =
  "exam_id,user_id,certification,exam_source,fiscal_year,registered_at,scheduled_at,taken_at,status,delivery,score,passed";
const CERTS = ["GH-100", "GH-200", "GH-300", "GH-500", "GH-900"];

/** 32-bit integer hash (deterministic noise without a generator state). */
function h(i: number, salt: number): number {
  let x = (i ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

export function examId(i: number): string {
  return `P-${String(i).padStart(8, "0")}`;
}

/** One record of exam `i`; `version` > 0 changes score/passed. */
export function examRecord(i: number, version = 0): string {
  const user = (h(i, 1).toString(16).padStart(8, "0") + h(i, 2).toString(16).padStart(8, "0")).slice(0, 16);
  const fy = 22 + (h(i, 3) % 5);
  const day = 1 + (h(i, 4) % 28);
  const mon = 1 + (h(i, 5) % 12);
  const d = `20${fy - 1}-${String(mon).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const score = (300 + (h(i, 6) % 700) + version * 7) % 1000;
  return [
    examId(i),
    user,
    CERTS[h(i, 7) % 5],
    fy >= 26 ? "pearson" : "legacy",
    `FY${fy}`,
    `${d}T08:00:00Z`,
    `${d}T09:00:00Z`,
    `${d}T10:00:00Z`,
    "completed",
    h(i, 8) % 2 ? "online" : "test_center",
    String(score),
    score >= 700 ? "true" : "false",
  ].join(",");
}

export type Fate = "same" | "changed" | "removed" | "added";

/** Fate of index `i` in the head version when `share` (e.g. 0.01) of rows differ: half changed, a quarter each +/-. */
export function fate(i: number, share: number): Fate {
  const r = (h(i, 9) % 1_000_000) / 1_000_000;
  if (r >= share) return "same";
  if (r < share / 2) return "changed";
  return r < (share * 3) / 4 ? "removed" : "added";
}

/** Writes base and head CSVs of `rows` exam records (head differs by `share`). */
export async function writeExamPair(basePath: string, headPath: string, rows: number, share: number): Promise<void> {
  const base = createWriteStream(basePath);
  const head = createWriteStream(headPath);
  let bb = `${EXAM_HEADER}\n`;
  let hb = `${EXAM_HEADER}\n`;
  for (let i = 0; i < rows; i++) {
    const f = fate(i, share);
    if (f !== "added") bb += `${examRecord(i)}\n`;
    if (f !== "removed") hb += `${examRecord(i, f === "changed" ? 1 : 0)}\n`;
    if (bb.length > 1 << 20) {
      if (!base.write(bb)) await once(base, "drain");
      bb = "";
    }
    if (hb.length > 1 << 20) {
      if (!head.write(hb)) await once(head, "drain");
      hb = "";
    }
  }
  base.end(bb);
  head.end(hb);
  await Promise.all([once(base, "close"), once(head, "close")]);
}
