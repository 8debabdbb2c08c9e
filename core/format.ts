/**
 * Canonical cell formats, the single place that decides how a value looks in a CSV:
 * integers plain, numbers shortest round-trip, booleans true/false, dates YYYY-MM-DD, datetimes UTC whole seconds
 * YYYY-MM-DDTHH:MM:SSZ, null as the empty string.
 */
import type { Field, FieldType } from "./schema.ts";

export type Value = string | number | boolean | null;
export type Row = Readonly<Record<string, Value>>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const INTEGER_RE = /^-?(?:0|[1-9]\d*)$/;
const NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?$/;

/** "YYYY-MM-DDTHH:MM:SSZ" (milliseconds dropped, not rounded). */
export function formatDateTime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new Error("invalid Date");
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** "YYYY-MM-DD" (UTC). */
export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new Error("invalid Date");
  return d.toISOString().slice(0, 10);
}

/** RFC 4180 quoting of one already formatted cell, as the writer's csv-stringify applies it (only `,` `"` CR LF). */
export function quoteCsv(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** What a rejected value is, without the value (messages leave the runner: no cell value in them). */
function kindOf(v: Value | Date): string {
  if (v instanceof Date) return "an invalid Date";
  if (typeof v === "string") return `a string of ${v.length} characters`;
  return typeof v === "number" ? (Number.isFinite(v) ? "a non-integer number" : "a non-finite number") : typeof v;
}

/** Formats one value for its field; throws a message saying what is wrong with it (never the value). */
export function formatCell(field: Pick<Field, "name" | "type">, v: Value | Date | undefined): string {
  if (v === null || v === undefined) return "";
  switch (field.type) {
    case "string":
      if (typeof v !== "string") throw new Error(`${field.name}: expected a string, got ${typeof v}`);
      return v;
    case "integer":
      if (typeof v !== "number" || !Number.isSafeInteger(v))
        throw new Error(`${field.name}: expected an integer, got ${kindOf(v)}`);
      return String(v);
    case "number":
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new Error(`${field.name}: expected a finite number, got ${kindOf(v)}`);
      return String(Object.is(v, -0) ? 0 : v);
    case "boolean":
      if (typeof v !== "boolean") throw new Error(`${field.name}: expected a boolean, got ${kindOf(v)}`);
      return v ? "true" : "false";
    case "date":
      if (v instanceof Date) return formatDate(v);
      if (typeof v !== "string" || !DATE_RE.test(v))
        throw new Error(`${field.name}: expected a date YYYY-MM-DD, got ${kindOf(v)}`);
      return v;
    case "datetime":
      if (v instanceof Date) return formatDateTime(v);
      if (typeof v !== "string" || !DATETIME_RE.test(v)) {
        throw new Error(`${field.name}: expected a datetime YYYY-MM-DDTHH:MM:SSZ, got ${kindOf(v)}`);
      }
      return v;
  }
}

/** Parses one canonical cell; returns an error message instead of throwing (the validator reports it). */
export function parseCell(type: FieldType, raw: string): { ok: true; value: Value } | { ok: false; reason: string } {
  if (raw === "") return { ok: true, value: null };
  switch (type) {
    case "string":
      return { ok: true, value: raw };
    case "integer":
      if (!INTEGER_RE.test(raw)) return { ok: false, reason: "not a canonical integer" };
      return Number.isSafeInteger(Number(raw))
        ? { ok: true, value: Number(raw) }
        : { ok: false, reason: "integer out of range" };
    case "number": {
      if (!NUMBER_RE.test(raw)) return { ok: false, reason: "not a number" };
      const n = Number(raw);
      return String(n) === raw ? { ok: true, value: n } : { ok: false, reason: "number not in canonical form" };
    }
    case "boolean":
      if (raw === "true") return { ok: true, value: true };
      if (raw === "false") return { ok: true, value: false };
      return { ok: false, reason: "not a boolean (true/false)" };
    case "date":
      return DATE_RE.test(raw) && validDate(raw)
        ? { ok: true, value: raw }
        : { ok: false, reason: "not a date YYYY-MM-DD" };
    case "datetime":
      return DATETIME_RE.test(raw) && validDate(raw)
        ? { ok: true, value: raw }
        : { ok: false, reason: "not a datetime YYYY-MM-DDTHH:MM:SSZ" };
  }
}

function validDate(raw: string): boolean {
  const d = new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
  return (
    !Number.isNaN(d.getTime()) &&
    d.toISOString().slice(0, raw.length === 10 ? 10 : 19) === raw.slice(0, raw.length === 10 ? 10 : 19)
  );
}
