/**
 * The cells of a Kusto v2 PrimaryResult (read by ./kusto-frames.ts), decoded by their canonical column type, and the
 * readers that turn a decoded cell into a dataset value. One decoder for the sync and the worker; plain ECMAScript
 * (no `node:` import), so it runs in Node and workerd.
 *
 * Every cell is checked against its type the same way for both (the wire encodings of the Query V2 response: a
 * datetime is ISO-8601 UTC with up to 7 fraction digits, a long is a JSON integer or a string of digits, a real may be
 * "NaN"/"Infinity", a bool may be 0/1). Only the *form* of the decoded value differs:
 * - `typed` (the worker's live answers): datetimes become `Date`, timespans milliseconds, "" stays "";
 * - `wire` (the sync): datetimes and timespans stay the text as sent, "" becomes null — the sync hashes the records
 *   as received (the incremental overlap digest) and cuts datetimes to whole seconds as text.
 *
 * A cell that does not match its type, a value outside a vocabulary and a required value that is empty all throw an
 * {@link UpstreamValueError}: the sync refuses the dataset, the worker falls back.
 */
import type { KustoType, PrimaryTable } from "./kusto-frames.ts";

/**
 * Upstream data that cannot be used as it is. `message` never quotes the value (the worker logs it); `detail` does
 * (the sync's refusal message, written to the job summary of the private repository).
 */
export class UpstreamValueError extends Error {
  override readonly name = "UpstreamValueError";
  readonly detail: string;
  constructor(message: string, detail: string = message) {
    super(message);
    this.detail = detail;
  }
}

export type Cell = string | number | boolean | Date | null | { readonly [k: string]: unknown } | readonly unknown[];
export type KustoRecord = Readonly<Record<string, Cell>>;

/** How a decoded value looks: see the module comment. */
export type CellForm = "typed" | "wire";

export interface TypedColumn {
  readonly name: string;
  readonly type: KustoType;
}

const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z$/;

const digits = (v: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};
const two = (v: string, at: number): number => (v.charCodeAt(at) - 48) * 10 + v.charCodeAt(at + 1) - 48;

/** Calendar dates `YYYY-MM-DD` (as the number YYYYMMDD) → whether Date.parse accepts them (a few thousand in a sync). */
const DAYS = new Map<number, boolean>();

/**
 * A datetime as sent: the pattern, and a date Date.parse accepts (it refuses month 13, 25 o'clock). The usual cell
 * (every position as the pattern wants, a time within the day) is checked by its characters and its day's memoized
 * verdict — Date.parse's answer does not depend on a time within the day — instead of a regular expression and a parse
 * per cell; anything else takes the full check.
 */
function isDatetime(v: string): boolean {
  const n = v.length;
  if (
    n >= 20 &&
    n <= 28 &&
    n !== 21 &&
    v.charCodeAt(n - 1) === 90 && // Z
    v.charCodeAt(4) === 45 &&
    v.charCodeAt(7) === 45 &&
    v.charCodeAt(10) === 84 && // T
    v.charCodeAt(13) === 58 &&
    v.charCodeAt(16) === 58 &&
    digits(v, 0, 4) &&
    digits(v, 5, 7) &&
    digits(v, 8, 10) &&
    digits(v, 11, 13) &&
    digits(v, 14, 16) &&
    digits(v, 17, 19) &&
    (n === 20 || (v.charCodeAt(19) === 46 && digits(v, 20, n - 1))) &&
    two(v, 11) < 24 &&
    two(v, 14) < 60 &&
    two(v, 17) < 60
  ) {
    // the day as the number YYYYMMDD: a memo lookup without a string per cell
    const day = ((two(v, 0) * 100 + two(v, 2)) * 100 + two(v, 5)) * 100 + two(v, 8);
    let ok = DAYS.get(day);
    if (ok === undefined) {
      ok = !Number.isNaN(Date.parse(`${v.slice(0, 10)}T00:00:00Z`));
      if (DAYS.size < 100_000) DAYS.set(day, ok);
    }
    return ok;
  }
  return DATETIME.test(v) && !Number.isNaN(Date.parse(v));
}

/** Milliseconds of a Kusto timespan `[-][d.]hh:mm:ss[.fffffff]`. */
export function parseTimespan(text: string): number | undefined {
  const m = TIMESPAN.exec(text);
  if (m === null) return undefined;
  const [, sign, d = "0", h = "0", mi = "0", s = "0", frac = ""] = m;
  const ms =
    ((Number(d) * 24 + Number(h)) * 60 + Number(mi)) * 60_000 + Number(s) * 1000 + Number(frac.padEnd(7, "0")) / 1e4;
  return sign === "-" ? -ms : ms;
}

function bad(column: TypedColumn, value: unknown): never {
  // the value itself is never quoted: it is upstream data and the message is logged
  const what = `column ${column.name} (${column.type}): unexpected ${Array.isArray(value) ? "array" : typeof value} value`;
  throw new UpstreamValueError(what);
}

const TEXT_TYPES = new Set<KustoType>(["string", "datetime", "guid", "decimal", "timespan"]);

/** Decodes one JSON cell according to its Kusto column type, in the given form. */
export function decodeCell(column: TypedColumn, value: unknown, form: CellForm = "typed"): Cell {
  if (value === null || value === undefined) return null;
  if (form === "wire" && value === "" && TEXT_TYPES.has(column.type)) return null;
  switch (column.type) {
    case "string":
      return typeof value === "string" ? value : bad(column, value);
    case "datetime": {
      // Date.parse refuses what the pattern lets through (month 13, 25 o'clock); a Date keeps milliseconds
      if (typeof value !== "string" || !isDatetime(value)) return bad(column, value);
      return form === "wire" ? value : new Date(value.replace(/(\.\d{3})\d*Z$/, "$1Z"));
    }
    case "timespan": {
      if (typeof value === "number") return form === "wire" ? String(value) : value / 1e4; // ticks, as some clients send
      const ms = typeof value === "string" ? parseTimespan(value) : undefined;
      if (ms === undefined || typeof value !== "string") return bad(column, value);
      return form === "wire" ? value : ms;
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
      return value as Cell; // any JSON value: the parsed body's own
  }
}

/** The table's columns with their canonical types; a type no SDK knows cannot be decoded. */
export function typedColumns(table: PrimaryTable): TypedColumn[] {
  return table.columns.map((c) => {
    if (c.type === undefined) throw new UpstreamValueError(`column ${c.name}: unknown type ${c.wireType}`);
    return { name: c.name, type: c.type };
  });
}

/**
 * The table's rows as records keyed by column name. Each wire row is dropped from the parsed body once decoded, so
 * the body's row arrays and the records are not both live for a whole partition (cell strings are shared, not copied).
 */
export function decodeRecords(table: PrimaryTable, form: CellForm = "typed"): KustoRecord[] {
  const columns = typedColumns(table);
  const rows = table.rows;
  const out = new Array<KustoRecord>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rec: Record<string, Cell> = {};
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i] as TypedColumn;
      rec[c.name] = decodeCell(c, row[i], form);
    }
    out[r] = rec;
    (rows as unknown[])[r] = null;
  }
  rows.length = 0;
  return out;
}

const ROW = Symbol("row");

/** A record seen through its row: named getters on a prototype shared by every table with the same columns. */
class RowView {
  readonly [ROW]: Cell[];
  constructor(r: Cell[]) {
    this[ROW] = r;
  }
}

/** Column names a view cannot carry as getters (they would hide its JSON or its class). */
const UNVIEWABLE = new Set(["toJSON", "constructor", "__proto__"]);

const VIEWS = new Map<string, new (r: Cell[]) => RowView>();

function viewClass(columns: readonly TypedColumn[]): new (r: Cell[]) => RowView {
  const key = JSON.stringify(columns.map((c) => c.name));
  let V = VIEWS.get(key);
  if (V === undefined) {
    class View extends RowView {
      /** the record decodeRecords builds (same keys, same order): what JSON.stringify writes */
      toJSON(): KustoRecord {
        const rec: Record<string, Cell> = {};
        for (let i = 0; i < columns.length; i++) rec[(columns[i] as TypedColumn).name] = this[ROW][i] ?? null;
        return rec;
      }
    }
    columns.forEach((c, i) => {
      Object.defineProperty(View.prototype, c.name, {
        get(this: RowView): Cell {
          return this[ROW][i] ?? null;
        },
        enumerable: true,
        configurable: true,
      });
    });
    V = View;
    if (VIEWS.size < 1000) VIEWS.set(key, V);
  }
  return V;
}

/**
 * The table's rows as records like decodeRecords' (every cell checked and decoded the same way, the same values under
 * the same names, the same JSON), built without an object holding every column per row: each wire row is decoded in
 * place and read through a small view whose named properties are getters. For the sync's bulk reads (millions of rows,
 * most columns read once); a view has no own enumerable keys, so it is for reading by name and JSON.stringify only.
 */
export function recordViews(table: PrimaryTable, form: CellForm = "wire"): KustoRecord[] {
  const columns = typedColumns(table);
  if (columns.some((c) => UNVIEWABLE.has(c.name))) return decodeRecords(table, form);
  const View = viewClass(columns);
  const rows = table.rows;
  const out = new Array<KustoRecord>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = (rows[r] ?? []) as Cell[];
    for (let i = 0; i < columns.length; i++) row[i] = decodeCell(columns[i] as TypedColumn, row[i], form);
    // a view reads as a KustoRecord: its getters are the record's properties
    out[r] = new View(row) as unknown as KustoRecord;
  }
  return out;
}

// ---- readers: a decoded cell as a dataset value (either form) ----

/** A non-empty string, else null. */
export function str(v: Cell | undefined): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

/** A required non-empty string. */
export function req(v: Cell | undefined, what: string): string {
  const s = str(v);
  if (s === null) throw new UpstreamValueError(`upstream ${what} is empty`);
  return s;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the datetime of the committed CSVs. */
export function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** A datetime cell (wire text with up to 7 fraction digits, or a Date) as our canonical datetime: whole seconds. */
export function datetime(v: Cell | undefined): string | null {
  if (v instanceof Date) return isoSeconds(v);
  const s = str(v);
  if (s === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(s))
    throw new UpstreamValueError("not a datetime", `not a datetime: ${s}`);
  // already whole seconds: the text itself (no slice and concatenation per cell)
  return s.length === 20 && s.charCodeAt(19) === 90 ? s : `${s.slice(0, 19)}Z`;
}

/** A required datetime. */
export function reqDatetime(v: Cell | undefined, what: string): string {
  return datetime(v) ?? req(null, what);
}

export function date(v: Cell | undefined): string | null {
  return datetime(v)?.slice(0, 10) ?? null;
}

/** A whole number (reals are rounded); a cell that is not a finite number is refused. */
export function int(v: Cell | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new UpstreamValueError("not a number", `not a number: ${String(v)}`);
  }
  return Math.round(v);
}

export function bool(v: Cell | undefined): boolean | null {
  return typeof v === "boolean" ? v : null;
}
