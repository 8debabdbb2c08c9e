/** Time-window partitions of an extract, and their halving when a result is still too large. */

export interface Window {
  readonly start: Date;
  readonly end: Date;
}

function addMonths(d: Date, months: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
}

/** [before, start), then `months`-month windows from start until one ends after `now`. */
export function partitionWindows(before: Date, start: Date, months: number, now: Date): Window[] {
  const out: Window[] = [{ start: before, end: start }];
  let s = start;
  while (s.getTime() <= now.getTime()) {
    const e = addMonths(s, months);
    out.push({ start: s, end: e });
    s = e;
  }
  return out;
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
