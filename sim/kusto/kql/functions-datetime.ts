/** KQL datetime functions (learn.microsoft.com/kusto/query/*-function): datetime arithmetic on epoch milliseconds. */
import { parseDatetime } from "../params.ts";
import {
  datetimeAdd,
  datetimeDiff,
  datetimePart,
  dayOfMonth,
  dayOfYear,
  endOfMonth,
  formatDatetimeKql,
  getMonth,
  getYear,
  startOfDay,
  startOfMonth,
  startOfWeek,
  startOfYear,
  weekOfYear,
} from "./datetime.ts";
import { arg, type Builtin, num, unary } from "./function-args.ts";

function dateFn(f: (ms: number) => number | null): Builtin {
  return (c) => unary(c, f);
}

/** startof…/endof…(date [, offset]): the period `offset` periods away (offset in the period's unit). */
function periodFn(f: (ms: number) => number, shift: (ms: number, n: number) => number | null): Builtin {
  return (c) => {
    const d = arg(c, 0);
    const offset = c.args[1];
    return (i) => {
      const ms = num(d(i));
      const n = offset === undefined ? 0 : num(offset(i));
      if (ms === null || n === null) return null;
      const moved = n === 0 ? ms : shift(ms, n);
      return moved === null ? null : f(moved);
    };
  };
}

export const DATETIME_BUILTINS: Readonly<Record<string, Builtin>> = {
  todatetime: (c) => {
    const a = arg(c, 0);
    const t = c.argTypes[0];
    return (i) => {
      const v = a(i);
      if (v === null) return null;
      if (typeof v === "string") return parseDatetime(v)?.getTime() ?? null;
      return t === "datetime" ? v : null;
    };
  },
  make_datetime: (c) => {
    const args = c.args;
    return (i) => {
      const xs = args.map((f) => num(f(i)));
      if (xs.some((x) => x === null)) return null;
      const [y = 0, m = 1, d = 1, h = 0, mi = 0, s = 0] = xs as number[];
      const ms = Date.UTC(y, m - 1, d, h, mi, 0) + s * 1000;
      const back = new Date(ms);
      return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? ms : null;
    };
  },
  startofday: periodFn(startOfDay, (ms, n) => datetimeAdd("day", n, ms)),
  startofweek: periodFn(startOfWeek, (ms, n) => datetimeAdd("week", n, ms)),
  startofmonth: periodFn(startOfMonth, (ms, n) => datetimeAdd("month", n, startOfMonth(ms))),
  startofyear: periodFn(startOfYear, (ms, n) => datetimeAdd("year", n, startOfYear(ms))),
  endofmonth: periodFn(endOfMonth, (ms, n) => datetimeAdd("month", n, startOfMonth(ms))),
  getyear: dateFn(getYear),
  getmonth: dateFn(getMonth),
  monthofyear: dateFn(getMonth),
  dayofmonth: dateFn(dayOfMonth),
  dayofyear: dateFn(dayOfYear),
  dayofweek: dateFn((ms) => startOfDay(ms) - startOfWeek(ms)),
  week_of_year: dateFn(weekOfYear),
  datetime_add: (c) => {
    const [p, n, d] = [arg(c, 0), arg(c, 1), arg(c, 2)];
    return (i) => {
      const [period, amount, ms] = [p(i), num(n(i)), num(d(i))];
      return typeof period !== "string" || amount === null || ms === null ? null : datetimeAdd(period, amount, ms);
    };
  },
  datetime_diff: (c) => {
    const [p, a, b] = [arg(c, 0), arg(c, 1), arg(c, 2)];
    return (i) => {
      const [period, d1, d2] = [p(i), num(a(i)), num(b(i))];
      return typeof period !== "string" || d1 === null || d2 === null ? null : datetimeDiff(period, d1, d2);
    };
  },
  datetime_part: (c) => {
    const [p, d] = [arg(c, 0), arg(c, 1)];
    return (i) => {
      const [part, ms] = [p(i), num(d(i))];
      return typeof part !== "string" || ms === null ? null : datetimePart(part, ms);
    };
  },
  format_datetime: (c) => {
    const [d, f] = [arg(c, 0), arg(c, 1)];
    return (i) => {
      const [ms, fmt] = [num(d(i)), f(i)];
      return ms === null || typeof fmt !== "string" ? "" : formatDatetimeKql(ms, fmt);
    };
  },
};
