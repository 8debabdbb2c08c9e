/**
 * The one typed primary-key comparator. Sort order of every dataset = its primary key compared field by field:
 * null first, numbers numerically, booleans false < true, strings/dates/datetimes by UTF-16 code units (canonical
 * date formats sort chronologically that way). No locale, no separate sort key.
 */
import type { Row, Value } from "./format.ts";
import type { DatasetSchema } from "./schema.ts";

export type RowComparator = (a: Row, b: Row) => number;

export function compareValues(a: Value | undefined, b: Value | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : 1;
  if (typeof a === "boolean" && typeof b === "boolean") return a ? 1 : -1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function keyComparator(schema: Pick<DatasetSchema, "primaryKey">): RowComparator {
  const keys = schema.primaryKey;
  return (a, b) => {
    for (const k of keys) {
      const c = compareValues(a[k], b[k]);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** The primary key of a row as a readable string (for messages and keyed maps). */
export function keyOf(schema: Pick<DatasetSchema, "primaryKey">, row: Row): string {
  return schema.primaryKey.map((k) => String(row[k] ?? "")).join("|");
}
