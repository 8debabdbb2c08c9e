/**
 * The sync's side of the shared v2 reader (core/kusto-frames.ts) and cell decoder (core/kusto-cells.ts): what is
 * the sync's own is its error classes (what retries, splits or refuses) and the drift check of the result columns
 * against what the normalizer reads (canonical types, so SDK type aliases are no drift). Cells are decoded in the
 * `wire` form (datetimes stay wire strings: the incremental digest hashes the records as received).
 */
import { type KustoRecord, recordViews, UpstreamValueError } from "#core/kusto-cells.ts";
import { canonicalType, KustoFrameError, type PrimaryTable, readPrimaryResult } from "#core/kusto-frames.ts";
import { PartialFailureError, SchemaDriftError, TooLargeError, TransientError } from "./errors.ts";

export interface Column {
  readonly name: string;
  readonly type: string;
}

export type { Cell, KustoRecord as UpstreamRecord } from "#core/kusto-cells.ts";

/** The sync's error class for a shared-reader failure (what retries, splits or refuses). */
export function syncError(err: KustoFrameError, what: string): Error {
  const message = `${what}: ${err.message}`;
  switch (err.kind) {
    case "truncated":
      return new TooLargeError(message);
    case "malformed":
    case "incomplete":
      return new TransientError(message);
    default:
      return new PartialFailureError(message);
  }
}

const show = (cols: readonly { name: string; type: string }[]) => cols.map((c) => `${c.name}:${c.type}`).join(", ");

/** Parses the frames and returns the primary result's records; throws the error kinds of errors.ts. */
export function primaryRecords(body: unknown, declared: readonly Column[], what: string): KustoRecord[] {
  let table: PrimaryTable;
  try {
    table = readPrimaryResult(body);
  } catch (err) {
    throw err instanceof KustoFrameError ? syncError(err, what) : err;
  }
  const actual = table.columns;
  const same =
    actual.length === declared.length &&
    actual.every((c, i) => c.name === declared[i]?.name && c.type === canonicalType(declared[i]?.type ?? ""));
  if (!same) {
    throw new SchemaDriftError(
      `${what}: schema drift: upstream returns (${show(actual.map((c) => ({ name: c.name, type: c.type ?? c.wireType })))}) ` +
        `but the normalizer reads (${show(declared)}); ` +
        "a deliberate change updates the .kql, the normalizer and data/schema together (docs/sync.md)",
    );
  }
  try {
    return recordViews(table, "wire");
  } catch (err) {
    // a cell that does not match its column's type is drift too: refused, never retried
    throw err instanceof UpstreamValueError ? new SchemaDriftError(`${what}: ${err.detail}`) : err;
  }
}
