/** fiscalYear read from a date's text agrees with the Date it used to build, on every edge of the calendar. */
import { describe, expect, it } from "vitest";
import { fiscalYear } from "#core/fiscal.ts";

/** The definition: the Date of the text, its UTC year, +1 from July. */
function byDate(d: string): string {
  const date = new Date(d.length === 10 ? `${d}T00:00:00Z` : d);
  const y = date.getUTCFullYear() + (date.getUTCMonth() >= 6 ? 1 : 0);
  return `FY${String(y % 100).padStart(2, "0")}`;
}

describe("fiscalYear", () => {
  it("gives the Date's answer for dates and datetimes, valid or not", () => {
    let n = 0;
    for (const y of ["0000", "0099", "1999", "2000", "2024", "2025", "2099", "9999"]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const day = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          expect(fiscalYear(day)).toBe(byDate(day));
          for (const t of ["00:00:00", "23:59:59", "24:00:00", "23:60:00", "12:34:56", "2a:00:00"]) {
            const at = `${day}T${t}Z`;
            expect(fiscalYear(at)).toBe(byDate(at));
            n++;
          }
        }
      }
    }
    expect(n).toBeGreaterThan(20_000);
    expect(fiscalYear("2025-06-30T23:59:59Z")).toBe("FY25");
    expect(fiscalYear("2025-07-01")).toBe("FY26");
    expect(fiscalYear("2025-06-31")).toBe(byDate("2025-06-31"));
    expect(fiscalYear("2025-07-01T00:00:00.000Z")).toBe("FY26");
    expect(fiscalYear(new Date(Date.UTC(2026, 0, 1)))).toBe("FY26");
  });
});
