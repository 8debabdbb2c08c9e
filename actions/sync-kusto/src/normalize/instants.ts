/**
 * Canonical datetimes "YYYY-MM-DDTHH:MM:SSZ" ↔ epoch seconds, and two years later, for certified_users (two per output
 * row, one per passed exam): the calendar work — a Date, its ISO text — is done once per day and memoized; the time
 * of day is plain arithmetic. Each function answers exactly as its Date-based definition (the fallback for anything
 * else: test/actions/sync-kusto/instants.test.ts compares them on every edge).
 */
import { UpstreamValueError } from "#core/kusto-cells.ts";

const DAY = 86_400;
const MEMO = 100_000;

/** The definitions. */
function isoByDate(secs: number): string {
  return `${new Date(secs * 1000).toISOString().slice(0, 19)}Z`;
}

function secondsByDate(at: string): number {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms) || isoByDate(ms / 1000) !== at) {
    throw new UpstreamValueError("not a valid datetime", `not a valid datetime: ${at}`);
  }
  return ms / 1000;
}

function plusYearsByDate(at: string, years: number): string {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return `${d.toISOString().slice(0, 19)}Z`;
}

const digit = (s: string, at: number): number => {
  const c = s.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};
const num2 = (s: string, at: number): number => digit(s, at) * 10 + digit(s, at + 1);
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "YYYY-MM-DDTHH:MM:SSZ" with year 0000–9997 (two years later still has four digits): its fields, else undefined. */
function canonical(at: string): { year: number; day: number; secs: number } | undefined {
  if (at.length !== 20 || at.charCodeAt(19) !== 90 || at.charCodeAt(10) !== 84) return undefined;
  if (at.charCodeAt(4) !== 45 || at.charCodeAt(7) !== 45 || at.charCodeAt(13) !== 58 || at.charCodeAt(16) !== 58) {
    return undefined;
  }
  const year = num2(at, 0) * 100 + num2(at, 2);
  const h = num2(at, 11);
  const m = num2(at, 14);
  const s = num2(at, 17);
  const day = (year * 100 + num2(at, 5)) * 100 + num2(at, 8);
  if (!(year <= 9997 && h < 24 && m < 60 && s < 60 && day >= 0)) return undefined;
  return { year, day, secs: h * 3600 + m * 60 + s };
}

/** YYYYMMDD → epoch day, NaN for a day the calendar does not have. */
const EPOCH_DAYS = new Map<number, number>();

function epochDay(at: string, day: number): number {
  let d = EPOCH_DAYS.get(day);
  if (d === undefined) {
    const text = at.slice(0, 10);
    const ms = Date.parse(`${text}T00:00:00Z`);
    d = Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text ? ms / 86_400_000 : Number.NaN;
    if (EPOCH_DAYS.size < MEMO) EPOCH_DAYS.set(day, d);
  }
  return d;
}

/** Epoch seconds of a canonical datetime; anything else is refused (UpstreamValueError). */
export function secondsOf(at: string): number {
  const c = canonical(at);
  if (c === undefined) return secondsByDate(at);
  const d = epochDay(at, c.day);
  return Number.isNaN(d) ? secondsByDate(at) : d * DAY + c.secs;
}

/** epoch day → "YYYY-MM-DD" */
const DAY_TEXT = new Map<number, string>();

/** The canonical datetime of whole epoch seconds (years 0000–9999). */
export function isoOf(secs: number): string {
  const day = Math.floor(secs / DAY);
  // 0000-01-01 … 9999-12-31
  if (!Number.isInteger(secs) || day < -719_528 || day > 2_932_896) return isoByDate(secs);
  let text = DAY_TEXT.get(day);
  if (text === undefined) {
    text = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    if (DAY_TEXT.size < MEMO) DAY_TEXT.set(day, text);
  }
  const r = secs - day * DAY;
  return `${text}T${pad2(Math.floor(r / 3600))}:${pad2(Math.floor((r % 3600) / 60))}:${pad2(r % 60)}Z`;
}

/** YYYYMMDD → the day two years later (Date's answer: 29 February becomes 1 March in a common year). */
const TWO_YEARS = new Map<number, string>();

/** `at` + `years` calendar years (Date.setUTCFullYear), as a canonical datetime. */
export function plusYears(at: string, years: number): string {
  const c = years === 2 ? canonical(at) : undefined;
  if (c === undefined || Number.isNaN(epochDay(at, c.day))) return plusYearsByDate(at, years);
  let later = TWO_YEARS.get(c.day);
  if (later === undefined) {
    later = plusYearsByDate(`${at.slice(0, 10)}T00:00:00Z`, 2).slice(0, 10);
    if (TWO_YEARS.size < MEMO) TWO_YEARS.set(c.day, later);
  }
  return `${later}${at.slice(10)}`;
}

export const byDate = { iso: isoByDate, seconds: secondsByDate, plusYears: plusYearsByDate };
