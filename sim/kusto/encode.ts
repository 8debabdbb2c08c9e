/** Kusto's JSON wire encodings of cell values, per column type (v2 and v1 responses). */
import type { KustoCell } from "../world/types.ts";

/** `2020-03-04T14:05:01.3100000Z`: ISO-8601 UTC with 7 fraction digits. */
export function formatDatetime(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}0000Z`;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** `[-][d.]hh:mm:ss[.fffffff]` from milliseconds. */
export function formatTimespan(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const ticks = Math.round(Math.abs(ms) * 10_000);
  const totalSeconds = Math.floor(ticks / 10_000_000);
  const frac = ticks % 10_000_000;
  const days = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const dayPart = days > 0 ? `${days}.` : "";
  const fracPart = frac > 0 ? `.${String(frac).padStart(7, "0")}` : "";
  return `${sign}${dayPart}${pad2(h)}:${pad2(m)}:${pad2(s)}${fracPart}`;
}

export type CellEncoder = (cell: KustoCell | undefined) => string;

const NULL = "null";

function asDate(cell: KustoCell): Date | undefined {
  if (cell instanceof Date) return cell;
  if (typeof cell === "string" || typeof cell === "number") {
    const d = new Date(cell);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

function encodeReal(n: number): string {
  if (Number.isNaN(n)) return '"NaN"';
  if (n === Number.POSITIVE_INFINITY) return '"Infinity"';
  if (n === Number.NEGATIVE_INFINITY) return '"-Infinity"';
  return JSON.stringify(n);
}

/** The JSON text of a cell of Kusto type `type` (unknown types encode as dynamic). */
export function encoderFor(type: string): CellEncoder {
  switch (type) {
    case "string":
      return (c) =>
        c === null || c === undefined
          ? '""'
          : JSON.stringify(
              typeof c === "string"
                ? c
                : c instanceof Date
                  ? formatDatetime(c)
                  : typeof c === "object"
                    ? JSON.stringify(c)
                    : String(c),
            );
    case "datetime":
      return (c) => {
        const d = c === null || c === undefined ? undefined : asDate(c);
        return d === undefined ? NULL : `"${formatDatetime(d)}"`;
      };
    case "timespan":
      return (c) =>
        typeof c === "number" ? `"${formatTimespan(c)}"` : typeof c === "string" ? JSON.stringify(c) : NULL;
    case "int":
    case "long":
      return (c) =>
        typeof c === "number" && Number.isFinite(c)
          ? String(Math.trunc(c))
          : typeof c === "boolean"
            ? c
              ? "1"
              : "0"
            : NULL;
    case "real":
      return (c) => (typeof c === "number" ? encodeReal(c) : NULL);
    case "bool":
      return (c) => (typeof c === "boolean" ? String(c) : typeof c === "number" ? String(c !== 0) : NULL);
    case "decimal":
    case "guid":
      return (c) => (c === null || c === undefined ? NULL : JSON.stringify(String(c)));
    default:
      return (c) => (c === undefined ? NULL : c instanceof Date ? `"${formatDatetime(c)}"` : JSON.stringify(c));
  }
}

/** .NET type names of the v1 format's `DataType`. */
export const V1_DATA_TYPES: Readonly<Record<string, string>> = {
  string: "String",
  datetime: "DateTime",
  timespan: "TimeSpan",
  int: "Int32",
  long: "Int64",
  real: "Double",
  bool: "Boolean",
  decimal: "Decimal",
  guid: "Guid",
  dynamic: "Object",
};

/** `System.*` names used in `.show table T schema as json`. */
export const SYSTEM_TYPES: Readonly<Record<string, string>> = {
  string: "System.String",
  datetime: "System.DateTime",
  timespan: "System.TimeSpan",
  int: "System.Int32",
  long: "System.Int64",
  real: "System.Double",
  bool: "System.SByte",
  decimal: "System.Data.SqlTypes.SqlDecimal",
  guid: "System.Guid",
  dynamic: "System.Object",
};
