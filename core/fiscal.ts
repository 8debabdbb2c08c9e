/** Microsoft fiscal years: FY26 = 2025-07-01 … 2026-06-30 (UTC). */
export function fiscalYear(d: Date | string): string {
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
