const digit = (s: string, at: number): number => {
  const c = s.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};

/**
 * The fiscal year of a canonical date `YYYY-MM-DD` or datetime `YYYY-MM-DDTHH:MM:SSZ` read from its digits, without a
 * Date, when the text leaves no doubt (day 1–28, month 1–12, a time within the day); otherwise undefined and the Date
 * decides (it rolls 2025-06-31 over into July). test/core/fiscal.test.ts compares the two on every edge.
 */
function fiscalYearOfText(d: string): string | undefined {
  const n = d.length;
  if (n !== 10 && n !== 20) return undefined;
  if (d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return undefined;
  const y = digit(d, 0) * 1000 + digit(d, 1) * 100 + digit(d, 2) * 10 + digit(d, 3);
  const m = digit(d, 5) * 10 + digit(d, 6);
  const day = digit(d, 8) * 10 + digit(d, 9);
  if (!(m >= 1 && m <= 12 && day >= 1 && day <= 28 && y >= 0)) return undefined;
  if (n === 20 && !/^T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/.test(d.slice(10))) return undefined;
  return `FY${String((y + (m >= 7 ? 1 : 0)) % 100).padStart(2, "0")}`;
}

/** Microsoft fiscal years: FY26 = 2025-07-01 … 2026-06-30 (UTC). */
export function fiscalYear(d: Date | string): string {
  if (typeof d === "string") {
    const fast = fiscalYearOfText(d);
    if (fast !== undefined) return fast;
  }
  const date = typeof d === "string" ? new Date(d.length === 10 ? `${d}T00:00:00Z` : d) : d;
  const y = date.getUTCFullYear() + (date.getUTCMonth() >= 6 ? 1 : 0);
  return `FY${String(y % 100).padStart(2, "0")}`;
}

/** First and last instant (exclusive end) of a fiscal year such as "FY26". */
export function fiscalYearRange(fy: string): { start: Date; end: Date } {
  const m = /^FY(\d{2})$/.exec(fy);
  if (!m?.[1]) throw new Error(`"${fy}" is not a fiscal year like FY26`);
  const y = 2000 + Number(m[1]);
  return { start: new Date(Date.UTC(y - 1, 6, 1)), end: new Date(Date.UTC(y, 6, 1)) };
}

/** Fiscal quarter label, e.g. "FY26-Q2" (Q1 = Jul–Sep). */
export function fiscalQuarter(d: Date | string): string {
  const date = typeof d === "string" ? new Date(d.length === 10 ? `${d}T00:00:00Z` : d) : d;
  const q = Math.floor(((date.getUTCMonth() + 6) % 12) / 3) + 1;
  return `${fiscalYear(date)}-Q${q}`;
}
