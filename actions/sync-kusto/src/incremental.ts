/**
 * Incremental extraction: which datasets can take the rows ingested since their watermark, how those rows become
 * dataset rows, and their merge into the committed CSV by primary key. A dataset whose changed inputs it cannot merge
 * (a person-level aggregate, the legacy three-table join) is exported in full instead — correct first.
 */
import { keyComparator, keyOf } from "#core/compare.ts";
import { readDataset } from "#core/csv.ts";
import { datasetFiles } from "#core/files.ts";
import type { Row } from "#core/format.ts";
import type { KustoRecord as UpstreamRecord } from "#core/kusto-cells.ts";
import type { DatasetSchema } from "#core/schema.ts";
import type { ExtractName } from "./extracts.ts";
import type { Uid } from "./normalize/common.ts";
import { pearsonRow } from "./normalize/exams.ts";
import { learningGroups } from "./normalize/learning.ts";
import { productRow } from "./normalize/product.ts";

export type Changed = ReadonlyMap<ExtractName, readonly UpstreamRecord[]>;

/** How a committed row and a changed row of the same key become one. */
export type Combine = (committed: Row, changed: Row) => Row;

export interface IncrementalSpec {
  /** read extracts whose changed rows merge by key; a change in any other read extract means a full export */
  readonly mergeable: readonly ExtractName[];
  /** the dataset rows of the changed records */
  readonly rows: (uid: Uid, changed: Changed) => Row[];
  readonly combine: Combine;
}

const replace: Combine = (_committed, changed) => changed;
const none = (): Row[] => [];

export const INCREMENTAL: Readonly<Record<string, IncrementalSpec>> = {
  // one ProductUsage row = one dataset row: the newer one wins
  product_usage: {
    mergeable: ["product_usage"],
    rows: (uid, c) => (c.get("product_usage") ?? []).map((r) => productRow(uid, r)),
    combine: replace,
  },
  // person × day × item: completed when any event of the day completed it, whichever night each event arrived
  learning_activity: {
    mergeable: ["learning_events"],
    rows: (uid, c) => learningGroups(uid, c.get("learning_events") ?? []),
    combine: (committed, changed) => ({
      ...committed,
      completed: committed.completed === true || changed.completed === true,
    }),
  },
  // Pearson registrations are one row each; a legacy change (three tables joined) re-exports the dataset
  individual_exams: {
    mergeable: ["pearson_exam_results"],
    rows: (uid, c) => (c.get("pearson_exam_results") ?? []).map((r) => pearsonRow(uid, r)),
    combine: replace,
  },
  // aggregates over all of a person's rows: any changed input re-exports them in full
  certified_users: { mergeable: [], rows: none, combine: replace },
  unified_users: { mergeable: [], rows: none, combine: replace },
};

/** The read extracts with changed rows that the dataset cannot merge (empty: the merge is exact). */
export function unmergeable(spec: IncrementalSpec, reads: readonly ExtractName[], changed: Changed): ExtractName[] {
  return reads.filter((e) => (changed.get(e)?.length ?? 0) > 0 && !spec.mergeable.includes(e));
}

/**
 * The committed rows with the changed rows merged in by primary key (same key: `combine`, new key: inserted).
 * A single committed file is in key order, so the output is too; partitions (months, fiscal years) are read one after
 * the other (not in key order overall): changed rows then replace by key lookup and new ones come last (the writer
 * sorts, and files each row under the partition its field names now: a row whose field changed moves).
 */
export async function* mergeByKey(
  dataDir: string,
  schema: DatasetSchema,
  changedRows: readonly Row[],
  combine: Combine,
): AsyncGenerator<Row> {
  const cmp = keyComparator(schema);
  const byKey = new Map<string, Row>();
  for (const r of changedRows) {
    const k = keyOf(schema, r);
    const before = byKey.get(k);
    byKey.set(k, before === undefined ? r : combine(before, r));
  }
  const changed = [...byKey.values()].sort(cmp);
  if (datasetFiles(dataDir, schema).partitioned) {
    for await (const c of readDataset(dataDir, schema)) {
      const k = keyOf(schema, c);
      const ch = byKey.get(k);
      if (ch === undefined) yield c;
      else {
        byKey.delete(k);
        yield combine(c, ch);
      }
    }
    yield* changed.filter((r) => byKey.has(keyOf(schema, r)));
    return;
  }
  let j = 0;
  for await (const c of readDataset(dataDir, schema)) {
    let next = changed[j];
    while (next !== undefined && cmp(next, c) < 0) {
      yield next;
      next = changed[++j];
    }
    if (next !== undefined && cmp(next, c) === 0) {
      j++;
      yield combine(c, next);
    } else yield c;
  }
  yield* changed.slice(j);
}
