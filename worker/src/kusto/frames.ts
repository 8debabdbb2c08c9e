/**
 * The worker's side of the shared v2 reader (core/kusto-frames.ts) and cell decoder (core/kusto-cells.ts, `typed`
 * form: datetimes as Date, timespans in milliseconds). What is the worker's own is its error vocabulary: every
 * failure (HasErrors, Cancelled, inline OneApiErrors rows, QueryCompletionInformation errors, truncation, a cut or
 * non-JSON body, a cell that does not match its column type) becomes a {@link KustoError}, and the caller falls back.
 */
import { decodeRecords, type KustoRecord, typedColumns, UpstreamValueError } from "#core/kusto-cells.ts";
import { KustoFrameError, type PrimaryTable, readPrimaryResult } from "#core/kusto-frames.ts";
import { KustoError, type KustoErrorKind } from "./errors.ts";

export type { Cell, TypedColumn as KustoColumn } from "#core/kusto-cells.ts";
export { decodeCell, parseTimespan } from "#core/kusto-cells.ts";
export type KRow = KustoRecord;

export interface KustoTable {
  readonly columns: ReturnType<typeof typedColumns>;
  readonly rows: readonly KRow[];
}

const KINDS: Readonly<Record<KustoFrameError["kind"], KustoErrorKind>> = {
  cancelled: "cancelled",
  "has-errors": "has-errors",
  "inline-error": "inline-error",
  truncated: "truncated",
  malformed: "malformed",
  incomplete: "malformed",
  "no-primary": "malformed",
};

/** Parses a v2 response body (text) into its first PrimaryResult table, or throws a {@link KustoError}. */
export function parseV2(body: string): KustoTable {
  let table: PrimaryTable;
  try {
    table = readPrimaryResult(body);
  } catch (err) {
    if (err instanceof KustoFrameError) throw new KustoError(KINDS[err.kind], err.message);
    throw err;
  }
  try {
    return { columns: typedColumns(table), rows: decodeRecords(table, "typed") };
  } catch (err) {
    if (err instanceof UpstreamValueError) throw new KustoError("malformed", err.message);
    throw err;
  }
}
