/** certified_users' datetime arithmetic answers as its Date-based definition on every edge of the calendar. */
import { describe, expect, it } from "vitest";
import { byDate, isoOf, plusYears, secondsOf } from "../../../actions/sync-kusto/src/normalize/instants.ts";

const outcome = (f: () => unknown) => {
  try {
    return { ok: f() };
  } catch (e) {
    return { err: (e as Error).message };
  }
};

describe("instants", () => {
  it("secondsOf, isoOf and plusYears agree with Date on every edge", () => {
    let n = 0;
    for (const y of ["0000", "0001", "1900", "1970", "2000", "2023", "2024", "2100", "9997", "9998", "9999"]) {
      for (let m = 0; m <= 13; m++) {
        for (const d of [0, 1, 28, 29, 30, 31, 32]) {
          for (const t of ["00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "07:08:09"]) {
            const at = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T${t}Z`;
            const s = outcome(() => secondsOf(at));
            expect(s).toEqual(outcome(() => byDate.seconds(at)));
            expect(outcome(() => plusYears(at, 2))).toEqual(outcome(() => byDate.plusYears(at, 2)));
            if ("ok" in s) expect(isoOf(s.ok as number)).toBe(byDate.iso(s.ok as number));
            n++;
          }
        }
      }
    }
    expect(n).toBeGreaterThan(6000);
    for (const at of ["2024-02-29T10:00:00.5Z", "2024-02-29 10:00:00Z", "", "2024-02-29T10:00:00+01:00"]) {
      expect(outcome(() => secondsOf(at))).toEqual(outcome(() => byDate.seconds(at)));
      expect(outcome(() => plusYears(at, 2))).toEqual(outcome(() => byDate.plusYears(at, 2)));
    }
    expect(plusYears("2024-02-29T10:11:12Z", 2)).toBe("2026-03-01T10:11:12Z");
    expect(plusYears("2024-02-29T10:11:12Z", 4)).toBe("2028-02-29T10:11:12Z");
    for (const secs of [-62167219200, -1, 0, 1.5, 253402300799, 253402300800, 1e13]) {
      expect(outcome(() => isoOf(secs))).toEqual(outcome(() => byDate.iso(secs)));
    }
  });
});
