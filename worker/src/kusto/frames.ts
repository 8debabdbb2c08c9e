/**
 * Kusto REST v2 response parser (the JSON frame array). Every failure mode Kusto reports inside a 200 response is
 * turned into a {@link KustoError}: `DataSetCompletion.HasErrors`, an inline `OneApiErrors` row, a
 * QueryCompletionInformation row with Level <= 2, truncation (`E_QUERY_RESULT_SET_TOO_LARGE`), a missing
 * PrimaryResult or any cell that does not match its column type.
 */
import { KustoError } from "./errors.ts";

export type Cell = string | number | boolean | Date | null | { readonly [k: string]: unknown } | readonly unknown[];
export type KRow = Readonly<Record<string, Cell>>;

export interface KustoColumn {
  readonly name: string;
  readonly type: string;
}

export interface KustoTable {
  readonly columns: readonly KustoColumn[];
  readonly rows: readonly KRow[];
}

const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z$/;

/** Milliseconds of a Kusto timespan `[-][d.]hh:mm:ss[.fffffff]`. */
export function parseTimespan(text: string): number | undefined {
  const m = TIMESPAN.exec(text);
  if (m === null) return undefined;
  const [, sign, d = "0", h = "0", mi = "0", s = "0", frac = ""] = m;
  const ms =
    ((Number(d) * 24 + Number(h)) * 60 + Number(mi)) * 60_000 + Number(s) * 1000 + Number(frac.padEnd(7, "0")) / 1e4;
  return sign === "-" ? -ms : ms;
}

function bad(column: KustoColumn, value: unknown): never {
  throw new KustoError(
    "malformed",
    `column ${column.name} (${column.type}): unexpected value ${JSON.stringify(value)}`,
  );
}

/** Decodes one JSON cell according to its Kusto column type. */
export function decodeCell(column: KustoColumn, value: unknown): Cell {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case "string":
      return typeof value === "string" ? value : bad(column, value);
    case "datetime": {
      if (typeof value !== "string" || !DATETIME.test(value)) return bad(column, value);
      const d = new Date(value.replace(/(\.\d{3})\d*Z$/, "$1Z"));
      return Number.isNaN(d.getTime()) ? bad(column, value) : d;
    }
    case "timespan": {
      if (typeof value === "number") return value / 1e4; // ticks, as some clients send them
      const ms = typeof value === "string" ? parseTimespan(value) : undefined;
      return ms === undefined ? bad(column, value) : ms;
    }
    case "int":
    case "long":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
      return bad(column, value);
    case "real":
      if (typeof value === "number") return value;
      if (value === "NaN") return Number.NaN;
      if (value === "Infinity" || value === "-Infinity") return Number(value);
      return bad(column, value);
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === 0 || value === 1) return value === 1;
      return bad(column, value);
    case "decimal":
    case "guid":
      return typeof value === "string" ? value : bad(column, value);
    case "dynamic":
      return value as Cell;
    default:
      return bad(column, value);
  }
}

type Frame = Readonly<Record<string, unknown>>;

function isRecord(x: unknown): x is Frame {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function oneApiMessage(errors: unknown): { message: string; truncated: boolean } {
  const text = JSON.stringify(errors ?? null);
  const truncated = /E_QUERY_RESULT_SET_TOO_LARGE|LimitsExceeded|truncat/i.test(text);
  const first = Array.isArray(errors) ? (errors[0] as { error?: { code?: unknown; message?: unknown } }) : undefined;
  const code = typeof first?.error?.code === "string" ? first.error.code : "OneApiError";
  return { message: code, truncated };
}

function failWith(errors: unknown, where: string): never {
  const { message, truncated } = oneApiMessage(errors);
  throw new KustoError(
    truncated ? "truncated" : where === "row" ? "inline-error" : "has-errors",
    `${where}: ${message}`,
  );
}

function columnsOf(frame: Frame): KustoColumn[] {
  const cols = frame.Columns;
  if (!Array.isArray(cols)) throw new KustoError("malformed", "DataTable without Columns");
  return cols.map((c: unknown) => {
    if (!isRecord(c) || typeof c.ColumnName !== "string" || typeof c.ColumnType !== "string") {
      throw new KustoError("malformed", "bad column descriptor");
    }
    return { name: c.ColumnName, type: c.ColumnType.toLowerCase() };
  });
}

function checkCompletionInfo(frame: Frame): void {
  const columns = columnsOf(frame);
  const level = columns.findIndex((c) => c.name === "Level");
  if (level < 0 || !Array.isArray(frame.Rows)) return;
  for (const row of frame.Rows) {
    if (Array.isArray(row) && typeof row[level] === "number" && row[level] <= 2) {
      throw new KustoError("has-errors", "QueryCompletionInformation reports an error");
    }
  }
}

function primaryTable(frame: Frame): KustoTable {
  const columns = columnsOf(frame);
  if (!Array.isArray(frame.Rows)) throw new KustoError("malformed", "DataTable without Rows");
  const rows: KRow[] = [];
  for (const raw of frame.Rows) {
    if (isRecord(raw) && "OneApiErrors" in raw) failWith(raw.OneApiErrors, "row");
    if (!Array.isArray(raw) || raw.length !== columns.length) throw new KustoError("malformed", "row shape mismatch");
    const row: Record<string, Cell> = {};
    columns.forEach((c, i) => {
      row[c.name] = decodeCell(c, raw[i]);
    });
    rows.push(row);
  }
  return { columns, rows };
}

/** Parses a v2 response body (text) into its first PrimaryResult table, or throws a {@link KustoError}. */
export function parseV2(body: string): KustoTable {
  let frames: unknown;
  try {
    frames = JSON.parse(body);
  } catch {
    throw new KustoError("malformed", "response body is not JSON");
  }
  if (!Array.isArray(frames)) throw new KustoError("malformed", "response body is not a v2 frame array");
  let primary: KustoTable | undefined;
  let completed = false;
  for (const frame of frames) {
    if (!isRecord(frame)) throw new KustoError("malformed", "frame is not an object");
    if (frame.FrameType === "DataTable") {
      if (frame.TableKind === "PrimaryResult" && primary === undefined) primary = primaryTable(frame);
      else if (frame.TableKind === "QueryCompletionInformation") checkCompletionInfo(frame);
    } else if (frame.FrameType === "DataSetCompletion") {
      completed = true;
      if (frame.HasErrors === true) failWith(frame.OneApiErrors, "completion");
      if (frame.Cancelled === true) throw new KustoError("has-errors", "query was cancelled");
    }
  }
  if (!completed) throw new KustoError("malformed", "no DataSetCompletion frame (body cut short?)");
  if (primary === undefined) throw new KustoError("malformed", "no PrimaryResult table");
  return primary;
}
