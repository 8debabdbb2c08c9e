/** Contiguous period axes (fiscal quarters, fiscal years, months) so series have no silent gaps. */

function quarterIndex(q: string): number {
  const m = /^FY(\d{2})-Q([1-4])$/.exec(q);
  if (!m?.[1] || !m[2]) throw new Error(`not a fiscal quarter: ${q}`);
  return Number(m[1]) * 4 + Number(m[2]) - 1;
}

function quarterLabel(i: number): string {
  return `FY${String(Math.floor(i / 4)).padStart(2, "0")}-Q${(i % 4) + 1}`;
}

/** Every fiscal quarter from the earliest of `seen` through `last` (inclusive). */
export function quarterRange(seen: Iterable<string>, last: string): string[] {
  const end = quarterIndex(last);
  let start = end;
  for (const q of seen) start = Math.min(start, quarterIndex(q));
  const out: string[] = [];
  for (let i = start; i <= end; i++) out.push(quarterLabel(i));
  return out;
}

export function fiscalYearOfQuarter(q: string): string {
  return q.slice(0, 4);
}

/** Months (YYYY-MM) from the earliest to the latest of `seen`, inclusive. */
export function monthRange(seen: Iterable<string>): string[] {
  let lo: string | undefined;
  let hi: string | undefined;
  for (const m of seen) {
    if (lo === undefined || m < lo) lo = m;
    if (hi === undefined || m > hi) hi = m;
  }
  if (lo === undefined || hi === undefined) return [];
  const out: string[] = [];
  let y = Number(lo.slice(0, 4));
  let mo = Number(lo.slice(5, 7));
  for (;;) {
    const label = `${y}-${String(mo).padStart(2, "0")}`;
    out.push(label);
    if (label >= hi) break;
    mo++;
    if (mo === 13) {
      mo = 1;
      y++;
    }
  }
  return out;
}

/** Fiscal quarter of a month label YYYY-MM. */
export function quarterOfMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const fy = (y + (m >= 7 ? 1 : 0)) % 100;
  return `FY${String(fy).padStart(2, "0")}-Q${Math.floor(((m + 5) % 12) / 3) + 1}`;
}

/** ISO week label YYYY-Www of a date YYYY-MM-DD. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow + 3);
  const year = d.getUTCFullYear();
  const week = Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Groups items by a key, keeping first-seen key order. */
export function groupBy<T>(items: Iterable<T>, key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}
