/**
 * The normalizers are pure (upstream records in, dataset rows out: no query, no window), and the committed
 * individual_exams row and the worker's live record of one upstream registration are the same record: both paths
 * decode the same v2 body with core/kusto-cells.ts and assemble it with core/exams.ts.
 */
import { describe, expect, it } from "vitest";
import type { KustoRecord } from "#core/kusto-cells.ts";
import { SyncRefusal } from "../../../actions/sync-core/src/source.ts";
import { EXTRACT_COLUMNS, type ExtractName } from "../../../actions/sync-kusto/src/extracts.ts";
import { asRefusal } from "../../../actions/sync-kusto/src/feed.ts";
import { primaryRecords } from "../../../actions/sync-kusto/src/frames.ts";
import { certifiedUsers } from "../../../actions/sync-kusto/src/normalize/certified.ts";
import { eachRow, type Upstream } from "../../../actions/sync-kusto/src/normalize/common.ts";
import { individualExams, legacyRows, pearsonRow } from "../../../actions/sync-kusto/src/normalize/exams.ts";
import { legacyExams, pearsonExam } from "../../../worker/src/exams.ts";
import { parseV2 } from "../../../worker/src/kusto/frames.ts";
import { examFact } from "../../../worker/src/metrics.ts";

/** A v2 body with one PrimaryResult of the extract's columns. */
function body(name: ExtractName, rows: unknown[][]): string {
  return JSON.stringify([
    { FrameType: "DataSetHeader", IsProgressive: false, Version: "v2.0" },
    {
      FrameType: "DataTable",
      TableId: 1,
      TableKind: "PrimaryResult",
      TableName: "PrimaryResult",
      Columns: EXTRACT_COLUMNS[name].map((c) => ({ ColumnName: c.name, ColumnType: c.type })),
      Rows: rows,
    },
    { FrameType: "DataSetCompletion", HasErrors: false, Cancelled: false },
  ]);
}

const PEARSON = [
  [
    "R-7",
    "ada@example.test",
    "ada",
    "GH-500",
    "2026-07-01T00:00:00.5000000Z",
    "2026-07-09T08:00:00.0000000Z",
    "2026-07-09T10:12:13.9990000Z",
    "Completed",
    "Test Center",
    812,
    "Pass",
    "GB",
  ],
  ["R-8", "bo@example.test", "", "GH-900", "2026-08-02T11:00:00.0000000Z", null, null, "Registered", "", null, "", ""],
];
const ELIGIBILITY = [
  ["E-1", "ada@example.test", "GitHub Copilot", "2025-03-04T05:06:07.1234567Z"],
  ["E-2", "bo@example.test", "GitHub Actions", "2025-04-01T00:00:00.0000000Z"],
];
const SCHEDULING = [["E-1", "2025-03-10T09:00:00.0000000Z", "Online Proctored", "Completed"]];
const RESULTS = [["E-1", "2025-03-10T11:00:00.0000000Z", 699.5, false]];

const uid = (email: string) => `uid(${email})`;
const sync = (name: ExtractName, rows: unknown[][]) => primaryRecords(body(name, rows), EXTRACT_COLUMNS[name], name);
const worker = (name: ExtractName, rows: unknown[][]) => parseV2(body(name, rows)).rows;
const withoutUser = ({ user_id: _, ...rest }: Record<string, unknown>) => rest;

describe("one exam record for the committed CSV and the live answer", () => {
  it("Pearson: the sync's row is the worker's record plus user_id", () => {
    const rows = sync("pearson_exam_results", PEARSON).map((r) => pearsonRow(uid, r));
    expect(rows.map((r) => r.user_id)).toEqual(["uid(ada@example.test)", "uid(bo@example.test)"]);
    expect(rows.map(withoutUser)).toEqual(worker("pearson_exam_results", PEARSON).map(pearsonExam));
    expect(rows[0]).toMatchObject({ registered_at: "2026-07-01T00:00:00Z", taken_at: "2026-07-09T10:12:13Z" });
  });

  it("Pearson: the metrics' fact of a live record equals the fact of the committed row", () => {
    const rows = sync("pearson_exam_results", PEARSON).map((r) => pearsonRow(uid, r));
    const live = worker("pearson_exam_results", PEARSON).map(pearsonExam);
    expect(rows.map((r) => examFact("p", r))).toEqual(live.map((e) => examFact("p", e)));
    expect(live.map((e) => examFact("p", e)).map((f) => [f.completed, f.passed])).toEqual([
      [true, true],
      [false, null],
    ]);
  });

  it("legacy: the same join on both paths", () => {
    const rows = legacyRows(
      uid,
      sync("exam_eligibility", ELIGIBILITY),
      sync("exam_scheduling", SCHEDULING),
      sync("exam_results", RESULTS),
    );
    const live = legacyExams(
      worker("exam_eligibility", ELIGIBILITY),
      worker("exam_scheduling", SCHEDULING),
      worker("exam_results", RESULTS),
    );
    expect(rows.map(withoutUser)).toEqual(live);
    expect(live.map((e) => [e.exam_id, e.status, e.delivery, e.score, e.passed])).toEqual([
      ["L-E-1", "completed", "online", 700, false],
      ["L-E-2", "eligible", null, null, null],
    ]);
  });
});

/** An Upstream over fixed batches: what extraction would hand the normalizers, with no I/O. */
function fixed(batches: Partial<Record<ExtractName, KustoRecord[][]>>): Upstream {
  const of = (n: ExtractName) => batches[n] ?? [];
  return {
    async *batches(name) {
      yield* of(name);
    },
    async *aligned(driver, others) {
      for (const [i, b] of of(driver).entries()) {
        yield new Map([[driver, b], ...others.map((o): [ExtractName, KustoRecord[]] => [o, of(o)[i] ?? []])]);
      }
    },
  };
}

describe("pure normalizers", () => {
  const upstream = fixed({
    exam_eligibility: [
      sync("exam_eligibility", ELIGIBILITY.slice(0, 1)),
      sync("exam_eligibility", ELIGIBILITY.slice(1)),
    ],
    exam_scheduling: [sync("exam_scheduling", SCHEDULING), []],
    exam_results: [sync("exam_results", RESULTS), []],
    pearson_exam_results: [sync("pearson_exam_results", PEARSON)],
  });

  it("individual_exams: legacy windows in order, then Pearson", async () => {
    const ids: unknown[] = [];
    for await (const r of eachRow(individualExams(upstream, uid))) ids.push(r.exam_id);
    expect(ids).toEqual(["L-E-1", "L-E-2", "P-R-7", "P-R-8"]);
  });

  it("certified_users: the passed exams of the same rows", async () => {
    const rows: unknown[] = [];
    for await (const r of eachRow(certifiedUsers(upstream, uid))) rows.push(r);
    expect(rows).toEqual([
      {
        user_id: "uid(ada@example.test)",
        certification: "GH-500",
        certified_at: "2026-07-09T10:12:13Z",
        expires_at: "2028-07-09T10:12:13Z",
        fiscal_year: "FY27",
        exam_source: "pearson",
        exam_id: "P-R-7",
      },
    ]);
  });

  it("certified_users: pseudonymizes only the passes it keeps, and refuses what individual_exams refuses", async () => {
    const asked: string[] = [];
    const counting = (email: string) => {
      asked.push(email);
      return uid(email);
    };
    for await (const _ of certifiedUsers(upstream, counting)) {
      // drain
    }
    expect(asked).toEqual(["ada@example.test"]);
    // P-R-8 is no pass: certified_users drops it, but still refuses its unknown exam code
    const odd = fixed({
      pearson_exam_results: [sync("pearson_exam_results", [[...(PEARSON[1] ?? [])].fill("GH-1", 3, 4)])],
    });
    const err = await (async () => {
      for await (const _ of certifiedUsers(odd, uid)) {
        // drain
      }
    })().catch(asRefusal);
    expect((err as Error).message).toMatch(/^unknown upstream value "GH-1" in PearsonExamResults.ExamCode/);
  });

  it("an upstream value outside the vocabulary becomes the sync's refusal, with the value", async () => {
    const odd = fixed({
      pearson_exam_results: [sync("pearson_exam_results", [[...(PEARSON[1] ?? [])].fill("GH-1", 3, 4)])],
    });
    const err = await (async () => {
      for await (const _ of individualExams(odd, uid)) {
        // drain
      }
    })().catch(asRefusal);
    expect(err).toBeInstanceOf(SyncRefusal);
    expect((err as Error).message).toMatch(/^unknown upstream value "GH-1" in PearsonExamResults.ExamCode \(known: /);
  });
});
