/**
 * KQL scalar functions over compiled arguments (row closures). Null in → null out unless the function's
 * documentation says otherwise (isnull, isempty, coalesce, strcat, iff, case, min_of/max_of, tostring).
 */

import { formatTimespan } from "../encode.ts";
import { datetimeToString, TICKS_ORIGIN_MS } from "./datetime.ts";
import { arg, type Builtin, type Call, type Fn, num, unary } from "./function-args.ts";
import { DATETIME_BUILTINS } from "./functions-datetime.ts";
import type { Scalar } from "./tables.ts";

export type { Call, Fn } from "./function-args.ts";

/** tostring() of a value of KQL type `type`. */
export function toKqlString(v: Scalar, type: string): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (type === "datetime") return datetimeToString(v);
  if (type === "timespan") return formatTimespan(v);
  if (type === "bool") return v !== 0 ? "true" : "false";
  return String(v);
}

const parseLong = (s: string): number | null => {
  const t = s.trim();
  if (!/^[+-]?\d+(\.\d*)?$/.test(t)) return null;
  return Math.trunc(Number(t));
};

const parseReal = (s: string): number | null => {
  const t = s.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^nan$/i.test(t)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  return null;
};

function toLongFn(c: Call): Fn {
  const a = arg(c, 0);
  const t = c.argTypes[0];
  return (i) => {
    const v = a(i);
    if (v === null) return null;
    if (typeof v === "string") return parseLong(v);
    if (typeof v === "boolean") return v ? 1 : 0;
    return t === "datetime" ? null : Math.trunc(v);
  };
}

function minMaxOf(c: Call, pick: (a: Scalar, b: Scalar) => boolean): Fn {
  const args = c.args;
  return (i) => {
    let best: Scalar = null;
    for (const f of args) {
      const v = f(i);
      if (v === null) continue;
      if (best === null || pick(v, best)) best = v;
    }
    return best;
  };
}

function bin(c: Call): Fn {
  const v = arg(c, 0);
  const size = arg(c, 1);
  const datetime = c.argTypes[0] === "datetime";
  return (i) => {
    const x = num(v(i));
    const s = num(size(i));
    if (x === null || s === null || s <= 0) return null;
    if (datetime) return Math.floor((x - TICKS_ORIGIN_MS) / s) * s + TICKS_ORIGIN_MS;
    return Math.floor(x / s) * s;
  };
}

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  ...DATETIME_BUILTINS,
  iff: (c) => {
    const [p, a, b] = [arg(c, 0), arg(c, 1), arg(c, 2)];
    return (i) => (p(i) === true ? a(i) : b(i));
  },
  case: (c) => {
    const args = c.args;
    return (i) => {
      let k = 0;
      for (; k + 1 < args.length; k += 2) if (args[k]?.(i) === true) return args[k + 1]?.(i) ?? null;
      return args[k]?.(i) ?? null;
    };
  },
  coalesce: (c) => {
    const args = c.args;
    return (i) => {
      for (const f of args) {
        const v = f(i);
        if (v !== null && v !== "") return v;
      }
      return c.type === "string" ? "" : null;
    };
  },
  isnull: (c) => {
    const a = arg(c, 0);
    return (i) => a(i) === null;
  },
  isnotnull: (c) => {
    const a = arg(c, 0);
    return (i) => a(i) !== null;
  },
  isempty: (c) => {
    const a = arg(c, 0);
    return (i) => {
      const v = a(i);
      return v === null || v === "";
    };
  },
  isnotempty: (c) => {
    const a = arg(c, 0);
    return (i) => {
      const v = a(i);
      return v !== null && v !== "";
    };
  },
  not: (c) => {
    const a = arg(c, 0);
    return (i) => {
      const v = a(i);
      return v === null ? null : !v;
    };
  },
  strcat: (c) => {
    const args = c.args;
    const types = c.argTypes;
    return (i) => {
      let s = "";
      for (let k = 0; k < args.length; k++) s += toKqlString(args[k]?.(i) ?? null, types[k] ?? "string");
      return s;
    };
  },
  substring: (c) => {
    const [s, start] = [arg(c, 0), arg(c, 1)];
    const len = c.args[2];
    const t = c.argTypes[0] ?? "string";
    return (i) => {
      const text = toKqlString(s(i), t);
      let from = num(start(i)) ?? 0;
      if (from < 0) from = 0;
      const n = len === undefined ? undefined : num(len(i));
      return n === undefined || n === null ? text.slice(from) : text.slice(from, from + Math.max(0, n));
    };
  },
  strlen: (c) => {
    const a = arg(c, 0);
    return (i) => [...toKqlString(a(i), "string")].length;
  },
  tolower: (c) => {
    const a = arg(c, 0);
    return (i) => toKqlString(a(i), "string").toLowerCase();
  },
  toupper: (c) => {
    const a = arg(c, 0);
    return (i) => toKqlString(a(i), "string").toUpperCase();
  },
  tostring: (c) => {
    const a = arg(c, 0);
    const t = c.argTypes[0] ?? "string";
    return (i) => toKqlString(a(i), t);
  },
  toint: toLongFn,
  tolong: toLongFn,
  toreal: (c) => {
    const a = arg(c, 0);
    return (i) => {
      const v = a(i);
      return typeof v === "string" ? parseReal(v) : num(v);
    };
  },
  tobool: (c) => {
    const a = arg(c, 0);
    return (i) => {
      const v = a(i);
      if (v === null || typeof v === "boolean") return v;
      if (typeof v === "number") return v !== 0;
      const t = v.trim().toLowerCase();
      return t === "true" || t === "1" ? true : t === "false" || t === "0" ? false : null;
    };
  },
  bin,
  floor: bin,
  min_of: (c) => minMaxOf(c, (a, b) => (a as number | string) < (b as number | string)),
  max_of: (c) => minMaxOf(c, (a, b) => (a as number | string) > (b as number | string)),
  abs: (c) => unary(c, Math.abs),
  round: (c) => {
    const a = arg(c, 0);
    const digits = c.args[1];
    return (i) => {
      const x = num(a(i));
      const d = digits === undefined ? 0 : (num(digits(i)) ?? 0);
      if (x === null) return null;
      const k = 10 ** d;
      // .NET Math.Round(x, d, MidpointRounding.AwayFromZero) is assumed
      return (Math.sign(x) * Math.round(Math.abs(x) * k)) / k;
    };
  },
};

export const ALIASES: Readonly<Record<string, string>> = { iif: "iff", todouble: "toreal" };
