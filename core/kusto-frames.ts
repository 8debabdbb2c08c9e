/**
 * The one reader of a Kusto REST v2 query response (the JSON frame array), shared by the sync
 * (`actions/sync-kusto/src/frames.ts`, fed by azure-kusto-data with `raw: true`) and the worker
 * (`worker/src/kusto/frames.ts`, fed by `fetch`); those keep only their own error classes (and the sync its drift
 * check), and its cells are decoded by ./kusto-cells.ts. Plain ECMAScript, no `node:` import: it runs in Node and
 * workerd.
 *
 * What it decides, once for both:
 * - completion: a body without `DataSetCompletion` (the last frame) was cut short → `incomplete`;
 * - `DataSetCompletion.Cancelled: true` ("the request … was cancelled midway", Query V2 HTTP response) → `cancelled`,
 *   even when `HasErrors` is false: the data set is partial, never a number;
 * - `DataSetCompletion.HasErrors`, a QueryCompletionInformation row with `Level` ≤ 2, and an inline
 *   `{"OneApiErrors": […]}` object in place of a PrimaryResult row → `has-errors` / `inline-error`, or `truncated`
 *   when the error is E_QUERY_RESULT_SET_TOO_LARGE (0x80DA0003: the caller may split the query);
 * - column types: the aliases the official SDKs accept (`date`, `time`, `boolean`, `double`, `uuid`, `uniqueid`,
 *   `int64`, `int32`, any letter case) become the canonical Kusto type, so a drift check never refuses them;
 * - anything else that is not a frame array with one PrimaryResult of rectangular rows → `malformed` / `no-primary`.
 *
 * Messages carry OneApi error *codes* only (checked against a strict pattern), never upstream message text or values.
 * Evidence for every shape: docs/kusto-simulator.md ("Wire variants") and docs/wire-evidence.md.
 */

/** The canonical Kusto scalar types (Scalar data types, learn.microsoft.com/kusto/query/scalar-data-types). */
export const KUSTO_TYPES = [
  "bool",
  "datetime",
  "decimal",
  "dynamic",
  "guid",
  "int",
  "long",
  "real",
  "string",
  "timespan",
] as const;
export type KustoType = (typeof KUSTO_TYPES)[number];

/**
 * Aliases → canonical type. The documented KQL aliases (bool/boolean, datetime/date, guid/uuid/uniqueid, real/double,
 * timespan/time) and the extra names azure-kusto-python's `dataframe_from_result_table` converts (int32, int64).
 */
const ALIASES: Readonly<Record<string, KustoType>> = {
  boolean: "bool",
  date: "datetime",
  uuid: "guid",
  uniqueid: "guid",
  double: "real",
  time: "timespan",
  int32: "int",
  int64: "long",
};

const CANONICAL = new Set<string>(KUSTO_TYPES);

/** The canonical type of a wire `ColumnType` (case-insensitive, aliases resolved), or undefined when unknown. */
export function canonicalType(wire: string): KustoType | undefined {
  const t = wire.trim().toLowerCase();
  if (CANONICAL.has(t)) return t as KustoType;
  return ALIASES[t];
}

export type FrameFailure =
  | "cancelled"
  | "has-errors"
  | "inline-error"
  | "truncated"
  | "malformed"
  | "incomplete"
  | "no-primary";

/** Why a v2 body cannot be used. `codes` are the OneApi error codes seen (safe tokens only). */
export class KustoFrameError extends Error {
  override readonly name = "KustoFrameError";
  readonly kind: FrameFailure;
  readonly codes: readonly string[];
  constructor(kind: FrameFailure, message: string, codes: readonly string[] = []) {
    super(message);
    this.kind = kind;
    this.codes = codes;
  }
}

export interface KustoColumn {
  readonly name: string;
  /** canonical type (aliases resolved); undefined for a type no SDK knows */
  readonly type: KustoType | undefined;
  /** the type as sent */
  readonly wireType: string;
}

export interface PrimaryTable {
  readonly columns: readonly KustoColumn[];
  /** the rows as sent (the parsed body's own arrays: not copied), each as long as `columns` */
  readonly rows: unknown[][];
}

type Frame = Readonly<Record<string, unknown>>;

const isRecord = (x: unknown): x is Frame => typeof x === "object" && x !== null && !Array.isArray(x);

/** A OneApi code is echoed only when it looks like one (`LimitsExceeded`, `General_BadRequest`, `Too many requests`). */
const SAFE_CODE = /^[A-Za-z][A-Za-z0-9_. -]{0,63}$/;
const TRUNCATION = /E_QUERY_RESULT_SET_TOO_LARGE|80DA0003/i;

/** The safe codes of a OneApiErrors value (array of `{error:{code}}`, one such object, or anything else). */
export function oneApiCodes(errors: unknown): string[] {
  const list = Array.isArray(errors) ? errors : [errors];
  const out: string[] = [];
  for (const e of list) {
    const inner = isRecord(e) && isRecord(e.error) ? e.error : e;
    const code = isRecord(inner) ? inner.code : undefined;
    if (typeof code === "string" && SAFE_CODE.test(code) && !out.includes(code)) out.push(code);
  }
  return out;
}

function fail(errors: unknown, kind: "has-errors" | "inline-error", where: string): never {
  const codes = oneApiCodes(errors);
  let text: string;
  try {
    text = JSON.stringify(errors ?? null);
  } catch {
    text = "";
  }
  const shown = codes.length > 0 ? codes.join(", ") : "no error code";
  if (TRUNCATION.test(text)) {
    throw new KustoFrameError(
      "truncated",
      `result truncated by the service (E_QUERY_RESULT_SET_TOO_LARGE, ${where})`,
      codes,
    );
  }
  throw new KustoFrameError(kind, `Kusto partial failure (${where}: ${shown})`, codes);
}

function columnsOf(frame: Frame): KustoColumn[] {
  const cols = frame.Columns;
  if (!Array.isArray(cols)) throw new KustoFrameError("malformed", "a DataTable frame has no Columns");
  return cols.map((c: unknown, i) => {
    if (!isRecord(c) || typeof c.ColumnName !== "string" || typeof c.ColumnType !== "string") {
      throw new KustoFrameError("malformed", `column descriptor ${i} has no ColumnName/ColumnType`);
    }
    return { name: c.ColumnName, type: canonicalType(c.ColumnType), wireType: c.ColumnType };
  });
}

function checkCompletionInformation(frame: Frame): void {
  if (!Array.isArray(frame.Columns) || !Array.isArray(frame.Rows)) return;
  const names = frame.Columns.map((c: unknown) => (isRecord(c) ? c.ColumnName : undefined));
  const level = names.indexOf("Level");
  if (level < 0) return;
  const payload = names.indexOf("Payload");
  const code = names.indexOf("StatusCodeName");
  for (const row of frame.Rows) {
    if (!Array.isArray(row) || typeof row[level] !== "number" || row[level] > 2) continue;
    // the row's status name (E_LOW_MEMORY_CONDITION (0x80DA0007)…) is kept only to recognize truncation
    fail(
      { code: "QueryCompletionInformation", status: row[code], payload: row[payload] },
      "has-errors",
      "completion information",
    );
  }
}

/** Checks every row of the primary table: an inline OneApiErrors object fails, a ragged row is malformed. */
function primaryOf(frame: Frame): PrimaryTable {
  const columns = columnsOf(frame);
  const rows = frame.Rows;
  if (!Array.isArray(rows)) throw new KustoFrameError("malformed", "the PrimaryResult frame has no Rows");
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (Array.isArray(row)) {
      if (row.length !== columns.length) {
        throw new KustoFrameError(
          "malformed",
          `PrimaryResult row ${r} has ${row.length} cells for ${columns.length} columns`,
        );
      }
      continue;
    }
    if (isRecord(row) && "OneApiErrors" in row)
      fail(row.OneApiErrors, "inline-error", `inline row error after ${r} rows`);
    throw new KustoFrameError("malformed", `PrimaryResult row ${r} is not an array`);
  }
  return { columns, rows: rows as unknown[][] };
}

/**
 * Reads a parsed v2 body (or its text) and returns its first PrimaryResult table, or throws a {@link KustoFrameError}.
 * The whole frame array is checked before anything is returned: a partial failure anywhere refuses the result.
 */
export function readPrimaryResult(body: unknown): PrimaryTable {
  let frames = body;
  if (typeof body === "string") {
    try {
      frames = JSON.parse(body);
    } catch {
      throw new KustoFrameError(
        "malformed",
        `response is not a Kusto v2 frame array (non-JSON or cut body, ${body.length} characters)`,
      );
    }
  }
  if (!Array.isArray(frames)) {
    throw new KustoFrameError(
      "malformed",
      `response is not a Kusto v2 frame array (${frames === null ? "null" : typeof frames})`,
    );
  }
  let primary: PrimaryTable | undefined;
  let completion: Frame | undefined;
  for (const frame of frames) {
    if (!isRecord(frame)) throw new KustoFrameError("malformed", "a frame is not a JSON object");
    if (frame.FrameType === "DataTable") {
      if (frame.TableKind === "PrimaryResult") {
        if (primary === undefined) primary = primaryOf(frame);
      } else if (frame.TableKind === "QueryCompletionInformation") checkCompletionInformation(frame);
    } else if (frame.FrameType === "DataSetCompletion") completion = frame;
  }
  if (completion === undefined) {
    throw new KustoFrameError("incomplete", "response has no DataSetCompletion frame (body cut short)");
  }
  if (completion.HasErrors === true) fail(completion.OneApiErrors ?? null, "has-errors", "DataSetCompletion.HasErrors");
  if (completion.Cancelled === true) {
    throw new KustoFrameError(
      "cancelled",
      "Kusto query was cancelled midway (DataSetCompletion.Cancelled): the result is incomplete and is not used",
    );
  }
  if (primary === undefined) throw new KustoFrameError("no-primary", "response has no PrimaryResult table");
  return primary;
}
