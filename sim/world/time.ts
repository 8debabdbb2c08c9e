/** Time helpers: the world computes in epoch milliseconds (UTC, whole seconds) and formats at the edges. */

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function ms(iso: string): number {
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(t)) throw new Error(`not an ISO date/datetime: ${iso}`);
  return t;
}

/** Truncates to whole seconds. */
export function sec(t: number): number {
  return Math.floor(t / SECOND) * SECOND;
}

// Day strings are cached by day number: formatting is on the hot path of every golden row.
const dayCache = new Map<number, string>();
function dayString(dayNumber: number): string {
  let s = dayCache.get(dayNumber);
  if (s === undefined) {
    s = new Date(dayNumber * DAY).toISOString().slice(0, 10);
    dayCache.set(dayNumber, s);
  }
  return s;
}
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "YYYY-MM-DD" */
export function isoDay(t: number): string {
  return dayString(Math.floor(t / DAY));
}

/** "YYYY-MM-DDTHH:MM:SSZ" (milliseconds dropped) */
export function isoSec(t: number): string {
  const day = Math.floor(t / DAY);
  const s = Math.floor((t - day * DAY) / 1000);
  return `${dayString(day)}T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}Z`;
}

/** Start of the UTC day. */
export function dayStart(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** First instant of the UTC month containing t. */
export function monthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** First instant of the month after the one containing t. */
export function nextMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function daysInMonth(t: number): number {
  return Math.round((nextMonth(t) - monthStart(t)) / DAY);
}

const weekCache = new Map<number, string>();

/** ISO 8601 week "YYYY-Www" of an instant (UTC). */
export function isoWeek(t: number): string {
  const day = Math.floor(t / DAY);
  let w = weekCache.get(day);
  if (w === undefined) {
    w = computeIsoWeek(day * DAY);
    weekCache.set(day, w);
  }
  return w;
}

function computeIsoWeek(t: number): string {
  const d = new Date(dayStart(t));
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = d.getTime() + (3 - dow) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Monday 00:00Z of the ISO week containing t. */
export function weekStart(t: number): number {
  const d = dayStart(t);
  const dow = (new Date(d).getUTCDay() + 6) % 7;
  return d - dow * DAY;
}
