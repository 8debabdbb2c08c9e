/** KQL datetime and timespan arithmetic on epoch milliseconds (UTC), the simulator's datetime precision. */
const DAY = 86_400_000;

/** 0001-01-01T00:00:00Z in epoch ms: Kusto's datetime origin (ticks count from it), a Monday. */
export const TICKS_ORIGIN_MS = Date.UTC(2000, 0, 1) - 730_119 * DAY;

export const MS = { day: DAY, hour: 3_600_000, minute: 60_000, second: 1000 } as const;

/** Year, month (0–11) and day of a datetime, from its day number (no Date). */
const parts = (ms: number): { y: number; m: number; d: number } => {
  const c = civilFromDays(Math.floor(ms / DAY));
  return { y: c.y, m: c.m - 1, d: c.d };
};

export const startOfDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

/** Kusto weeks start on Sunday. */
export function startOfWeek(ms: number): number {
  const day = startOfDay(ms);
  return day - new Date(day).getUTCDay() * DAY;
}

export function startOfMonth(ms: number): number {
  const { y, m } = parts(ms);
  return daysFromCivil(y, m + 1, 1) * DAY;
}

export function startOfYear(ms: number): number {
  return daysFromCivil(parts(ms).y, 1, 1) * DAY;
}

/** The last instant of the month: Kusto's is …T23:59:59.9999999Z; at millisecond precision …59.999. */
export function endOfMonth(ms: number): number {
  const { y, m } = parts(ms);
  return Date.UTC(y, m + 1, 1) - 1;
}

export const getYear = (ms: number): number => parts(ms).y;
export const getMonth = (ms: number): number => parts(ms).m + 1;
export const dayOfMonth = (ms: number): number => parts(ms).d;
export const dayOfYear = (ms: number): number => Math.floor((startOfDay(ms) - startOfYear(ms)) / DAY) + 1;

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function weekOfYear(ms: number): number {
  const day = startOfDay(ms);
  const dow = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = day + (3 - dow) * DAY;
  const jan1 = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - jan1) / DAY / 7) + 1;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12): H. Hinnant's days_from_civil. */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The (year, month 1–12, day) of a day number since 1970-01-01: civil_from_days. */
function civilFromDays(z0: number): { y: number; m: number; d: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** .NET AddMonths: the day is clamped to the target month's length (arithmetic on day numbers, no Date). */
export function addMonths(ms: number, months: number): number {
  const days = Math.floor(ms / DAY);
  const { y, m, d } = civilFromDays(days);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const last = tm === 2 && isLeap(ty) ? 29 : (MONTH_DAYS[tm - 1] ?? 31);
  return daysFromCivil(ty, tm, Math.min(d, last)) * DAY + (ms - days * DAY);
}

const PERIOD_MS: Readonly<Record<string, number>> = {
  week: 7 * DAY,
  day: DAY,
  hour: 3_600_000,
  minute: 60_000,
  second: 1000,
  millisecond: 1,
};

export function normalizePeriod(period: string): string {
  const p = period.toLowerCase();
  const aliases: Readonly<Record<string, string>> = {
    years: "year",
    quarters: "quarter",
    months: "month",
    weeks: "week",
    days: "day",
    hours: "hour",
    minutes: "minute",
    seconds: "second",
    milliseconds: "millisecond",
  };
  return aliases[p] ?? p;
}

export function datetimeAdd(period: string, amount: number, ms: number): number | null {
  const p = normalizePeriod(period);
  if (p === "year") return addMonths(ms, 12 * amount);
  if (p === "quarter") return addMonths(ms, 3 * amount);
  if (p === "month") return addMonths(ms, amount);
  const unit = PERIOD_MS[p];
  return unit === undefined ? null : ms + unit * amount;
}

/** datetime_diff(period, d1, d2): the number of period boundaries crossed from d2 to d1 (calendar periods). */
export function datetimeDiff(period: string, d1: number, d2: number): number | null {
  const p = normalizePeriod(period);
  const a = parts(d1);
  const b = parts(d2);
  if (p === "year") return a.y - b.y;
  if (p === "quarter") return a.y * 4 + Math.floor(a.m / 3) - (b.y * 4 + Math.floor(b.m / 3));
  if (p === "month") return a.y * 12 + a.m - (b.y * 12 + b.m);
  if (p === "week") return Math.round((startOfWeek(d1) - startOfWeek(d2)) / (7 * DAY));
  const unit = PERIOD_MS[p];
  if (unit === undefined) return null;
  return Math.floor(d1 / unit) - Math.floor(d2 / unit);
}

export function datetimePart(part: string, ms: number): number | null {
  const p = part.toLowerCase();
  const date = new Date(ms);
  switch (p) {
    case "year":
      return date.getUTCFullYear();
    case "quarter":
      return Math.floor(date.getUTCMonth() / 3) + 1;
    case "month":
      return date.getUTCMonth() + 1;
    case "week_of_year":
    case "weekofyear":
      return weekOfYear(ms);
    case "day":
      return date.getUTCDate();
    case "dayofyear":
      return dayOfYear(ms);
    case "hour":
      return date.getUTCHours();
    case "minute":
      return date.getUTCMinutes();
    case "second":
      return date.getUTCSeconds();
    case "millisecond":
      return date.getUTCMilliseconds();
    default:
      return null;
  }
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** format_datetime: the .NET-style specifiers KQL documents (yyyy yy MM M dd d HH H hh h mm m ss s f… tt). */
export function formatDatetimeKql(ms: number, format: string): string {
  const date = new Date(ms);
  const Y = date.getUTCFullYear();
  const Mo = date.getUTCMonth() + 1;
  const D = date.getUTCDate();
  const H = date.getUTCHours();
  const Mi = date.getUTCMinutes();
  const S = date.getUTCSeconds();
  const frac = `${pad(date.getUTCMilliseconds(), 3)}0000`;
  let out = "";
  let i = 0;
  while (i < format.length) {
    const c = format.charAt(i);
    let n = 1;
    while (format.charAt(i + n) === c) n++;
    switch (c) {
      case "y":
        out += n >= 4 ? pad(Y, n) : pad(Y % 100, n === 1 ? 1 : 2);
        break;
      case "M":
        out += pad(Mo, Math.min(n, 2));
        break;
      case "d":
        out += pad(D, Math.min(n, 2));
        break;
      case "H":
        out += pad(H, Math.min(n, 2));
        break;
      case "h":
        out += pad(H % 12 === 0 ? 12 : H % 12, Math.min(n, 2));
        break;
      case "m":
        out += pad(Mi, Math.min(n, 2));
        break;
      case "s":
        out += pad(S, Math.min(n, 2));
        break;
      case "f":
        out += frac.slice(0, Math.min(n, 7));
        break;
      case "F":
        out += frac.slice(0, Math.min(n, 7)).replace(/0+$/, "");
        break;
      case "t":
        out += (H < 12 ? "AM" : "PM").slice(0, Math.min(n, 2));
        break;
      default:
        out += c.repeat(n);
    }
    i += n;
  }
  return out;
}

/** tostring(datetime): ISO 8601 with seven fraction digits only when there is a fraction. */
export function datetimeToString(ms: number): string {
  const iso = new Date(ms).toISOString();
  const f = iso.slice(20, 23);
  return f === "000" ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${f}0000Z`;
}

/** A KQL timespan literal: `2d`, `1.5h`, `30m`, `10s`, `100ms`, `time(1.02:03:04)`, `timespan(null)`. */
export function parseTimespanLiteral(text: string): number | null | undefined {
  const t = text.replace(/\s+/g, "");
  if (/^(time|timespan)\(null\)$/i.test(t)) return null;
  const unit =
    /^(-?\d+(?:\.\d+)?)(d|h|m|s|ms|microsecond|microseconds|tick|ticks|min|minute|minutes|sec|second|seconds|day|days|hr|hrs|hour|hours|millisecond|milliseconds)$/i.exec(
      t.replace(/^(time|timespan)\((.*)\)$/i, "$2"),
    );
  if (unit?.[1] !== undefined && unit[2] !== undefined) {
    const n = Number(unit[1]);
    const u = unit[2].toLowerCase();
    const scale: Readonly<Record<string, number>> = {
      d: DAY,
      day: DAY,
      days: DAY,
      h: 3_600_000,
      hr: 3_600_000,
      hrs: 3_600_000,
      hour: 3_600_000,
      hours: 3_600_000,
      m: 60_000,
      min: 60_000,
      minute: 60_000,
      minutes: 60_000,
      s: 1000,
      sec: 1000,
      second: 1000,
      seconds: 1000,
      ms: 1,
      millisecond: 1,
      milliseconds: 1,
      microsecond: 0.001,
      microseconds: 0.001,
      tick: 0.0001,
      ticks: 0.0001,
    };
    const k = scale[u];
    return k === undefined ? undefined : n * k;
  }
  const clock = /^(?:time|timespan)\((-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d+))?)?\)$/i.exec(t);
  if (clock !== null) {
    const [, neg, d = "0", h = "0", mi = "0", s = "0", f = ""] = clock;
    const ms =
      Number(d) * DAY + Number(h) * 3_600_000 + Number(mi) * 60_000 + Number(s) * 1000 + Number(`0.${f || "0"}`) * 1000;
    return neg === "-" ? -ms : ms;
  }
  return undefined;
}
