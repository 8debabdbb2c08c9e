/** Time-window partitions of an extract, and their halving when a result is still too large. */

export interface Window {
  readonly start: Date;
  readonly end: Date;
}

export function addMonths(d: Date, months: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
}

/**
 * Months of the next window: the configured size at most; when the last window's result exceeded the budget
 * (cells = rows × columns, a proxy for the bytes the client buffers) the next one is shrunk in proportion, and it
 * grows back (doubling) once a window is under a quarter of the budget. Memory then holds about one budget's worth.
 */
export function nextMonths(months: number, max: number, cells: number, budget: number): number {
  if (cells > budget && months > 1) return Math.max(1, Math.floor((months * budget) / cells));
  if (cells * 4 < budget && months < max) return Math.min(max, months * 2);
  return Math.min(months, max);
}

/** Halves a window at a whole second; undefined when it cannot be split any further. */
export function splitWindow(w: Window): [Window, Window] | undefined {
  const a = w.start.getTime();
  const b = w.end.getTime();
  const mid = Math.floor((a + (b - a) / 2) / 1000) * 1000;
  if (mid <= a || mid >= b) return undefined;
  const m = new Date(mid);
  return [
    { start: w.start, end: m },
    { start: m, end: w.end },
  ];
}

/** A KQL datetime literal for a query parameter. */
export function kqlDatetime(d: Date): string {
  return `datetime(${d.toISOString()})`;
}
