/**
 * The worker's side of the shared v2 reader (core/kusto-frames.ts, bundled: no Node built-ins): every
 * failure it reports (HasErrors, Cancelled, inline OneApiErrors rows, QueryCompletionInformation errors, truncation,
 * a cut or non-JSON body) becomes a {@link KustoError}; cells are decoded strictly by their canonical column type
 * (SDK type aliases resolved there), any cell that does not match its type is malformed.
 */
import { KustoFrameError, type KustoType, readPrimaryResult } from "#core/kusto-frames.ts";
import { KustoError, type KustoErrorKind } from "./errors.ts";

export type Cell = string | number | boolean | Date | null | { readonly [k: string]: unknown } | readonly unknown[];
export type KRow = Readonly<Record<string, Cell>>;

export interface KustoColumn {
  readonly name: string;
  readonly type: KustoType;
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
    // the value itself is never quoted: it is upstream data and the message is logged
    `column ${column.name} (${column.type}): unexpected ${Array.isArray(value) ? "array" : typeof value} value`,
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
  }
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
  let table: ReturnType<typeof readPrimaryResult>;
  try {
    table = readPrimaryResult(body);
  } catch (err) {
    if (err instanceof KustoFrameError) throw new KustoError(KINDS[err.kind], err.message);
    throw err;
  }
  const columns: KustoColumn[] = table.columns.map((c) => {
    if (c.type === undefined) throw new KustoError("malformed", `column ${c.name}: unknown type ${c.wireType}`);
    return { name: c.name, type: c.type };
  });
  const rows = table.rows.map((raw) => {
    const row: Record<string, Cell> = {};
    columns.forEach((c, i) => {
      row[c.name] = decodeCell(c, raw[i]);
    });
    return row;
  });
  return { columns, rows };
}
