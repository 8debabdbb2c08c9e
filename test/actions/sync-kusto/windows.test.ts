import { describe, expect, it } from "vitest";
import { addMonths, nextMonths, splitWindow } from "../../../actions/sync-kusto/src/windows.ts";

describe("window sizing", () => {
  it("keeps the configured months while responses are within the budget", () => {
    expect(nextMonths(3, 3, 300_000, 400_000)).toBe(3);
    expect(nextMonths(3, 3, 0, 400_000)).toBe(3);
  });
  it("shrinks in proportion when a response exceeded the budget, never below one month", () => {
    expect(nextMonths(3, 3, 1_200_000, 400_000)).toBe(1);
    expect(nextMonths(6, 6, 800_000, 400_000)).toBe(3);
    expect(nextMonths(1, 3, 5_000_000, 400_000)).toBe(1);
  });
  it("grows back by doubling, up to the configured months, once well under the budget", () => {
    expect(nextMonths(1, 3, 50_000, 400_000)).toBe(2);
    expect(nextMonths(2, 3, 50_000, 400_000)).toBe(3);
    expect(nextMonths(2, 3, 150_000, 400_000)).toBe(2);
  });
  it("adds whole months at midnight UTC and halves at whole seconds", () => {
    expect(addMonths(new Date("2025-11-01T00:00:00Z"), 3).toISOString()).toBe("2026-02-01T00:00:00.000Z");
    const halves = splitWindow({ start: new Date("2025-01-01T00:00:00Z"), end: new Date("2025-01-01T00:00:03Z") });
    expect(halves?.[0].end.toISOString()).toBe("2025-01-01T00:00:01.000Z");
  });
});
