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

/** "YYYY-MM-DD" */
export function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** "YYYY-MM-DDTHH:MM:SSZ" */
export function isoSec(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
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

/** ISO 8601 week "YYYY-Www" of an instant (UTC). */
export function isoWeek(t: number): string {
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
