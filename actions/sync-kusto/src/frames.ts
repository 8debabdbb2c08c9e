/**
 * The sync's side of the shared v2 reader (core/kusto-frames.ts): its failure kinds mapped to the sync's
 * error classes, the drift check of the result columns (canonical types, so SDK type aliases are no drift), and cells
 * decoded to the values the normalizers read (datetimes stay wire strings).
 */
import { canonicalType, KustoFrameError, type KustoType, readPrimaryResult } from "#core/kusto-frames.ts";
import { PartialFailureError, SchemaDriftError, TooLargeError, TransientError } from "./errors.ts";

export interface Column {
  readonly name: string;
  readonly type: string;
}

export type Cell = string | number | boolean | null | object;
export type UpstreamRecord = Readonly<Record<string, Cell>>;

/** Decodes one wire cell of a canonical Kusto type. */
export function decodeCell(type: KustoType | undefined, v: unknown): Cell {
  if (v === null || v === undefined) return null;
  switch (type) {
    case "string":
    case "datetime":
    case "guid":
    case "decimal":
    case "timespan":
      return v === "" ? null : String(v);
    case "int":
    case "long":
    case "real":
      return typeof v === "number" ? v : Number(v);
    case "bool":
      return typeof v === "boolean" ? v : v === 1 || v === "true";
    default:
      return v as Cell;
  }
}

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
export function primaryRecords(body: unknown, declared: readonly Column[], what: string): UpstreamRecord[] {
  let table: ReturnType<typeof readPrimaryResult>;
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
  const types = actual.map((c) => c.type);
  // Each wire row is dropped from the parsed body once decoded, so the body's row arrays and our records are not
  // both live for the whole partition (the cell strings are shared, not copied).
  const rows = table.rows;
  const out = new Array<UpstreamRecord>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rec: Record<string, Cell> = {};
    for (let i = 0; i < declared.length; i++) rec[(declared[i] as Column).name] = decodeCell(types[i], row[i]);
    out[r] = rec;
    (rows as unknown[])[r] = null;
  }
  rows.length = 0;
  return out;
}
