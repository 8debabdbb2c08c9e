/**
 * Query parameter values as Kusto receives them in `properties.Parameters`: KQL literals in strings
 * (`"datetime(2026-11-01)"`), plain strings for string parameters, or JSON numbers. Kusto datetimes are UTC.
 */
import type { DeclaredParameter } from "./contract.ts";

export type ParamValue = Date | string;

/** Parses a KQL datetime literal or a bare ISO-8601 datetime; undefined when it is not one. */
export function parseDatetime(text: string): Date | undefined {
  let t = text.trim();
  const literal = /^datetime\s*\(\s*(.*?)\s*\)$/i.exec(t);
  if (literal?.[1] !== undefined) t = literal[1];
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (m === null) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = m;
  const ms = frac === "" ? "000" : frac.padEnd(3, "0").slice(0, 3);
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${zone.toUpperCase() === "Z" ? "Z" : zone}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses a string parameter: a raw string, or a KQL string literal ('x', "x", @'x'). */
export function parseStringParam(value: string): string {
  const m = /^@?(['"])(.*)\1$/s.exec(value.trim());
  if (m?.[2] === undefined) return value;
  return value.trim().startsWith("@") ? m[2] : m[2].replace(/\\(.)/g, "$1");
}

export type ResolvedParams = { ok: true; values: Map<string, ParamValue> } | { ok: false; message: string };

/** Binds the declared parameters to the request's values (or their declared defaults). */
export function resolveParameters(
  declared: readonly DeclaredParameter[],
  given: Readonly<Record<string, unknown>>,
): ResolvedParams {
  const values = new Map<string, ParamValue>();
  for (const p of declared) {
    const raw = Object.hasOwn(given, p.name) ? given[p.name] : p.defaultText;
    if (raw === undefined || raw === null) {
      return {
        ok: false,
        message: `Query parameter '${p.name}' of type '${p.type}' was declared but no value was provided`,
      };
    }
    const text = typeof raw === "string" ? raw : JSON.stringify(raw);
    if (p.type === "datetime") {
      const date = parseDatetime(text);
      if (date === undefined)
        return { ok: false, message: `Query parameter '${p.name}': cannot parse '${text}' as a datetime literal` };
      values.set(p.name, date);
    } else {
      values.set(p.name, parseStringParam(text));
    }
  }
  return { ok: true, values };
}
