import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSyncStatus, writeSyncStatus } from "#core/status.ts";
import { buildContext, envelope, previousQuarterOf, resolveAsOf } from "../../../actions/aggregate/src/context.ts";
import { isoWeek, monthRange, quarterOfMonth, quarterRange } from "../../../actions/aggregate/src/periods.ts";
import { writeFixture } from "../../harness/aggregate/fixture.ts";
import { statusEntry } from "../../harness/status.ts";

const root = mkdtempSync(join(tmpdir(), "aggregate-ctx-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("as_of", () => {
  const entry = (t: string | null) => statusEntry({ last_success_at: t, last_changed_at: t });
  it("is the newest last_success_at, else ACE_NOW, else the data, never the clock", () => {
    const status = {
      version: 1 as const,
      datasets: { a: entry("2026-01-02T00:00:00Z"), b: entry("2026-03-04T05:06:07Z") },
    };
    expect(resolveAsOf(status, "2030-01-01T00:00:00Z", null)).toBe("2026-03-04T05:06:07Z");
    expect(resolveAsOf({ version: 1, datasets: {} }, "2026-11-24T02:00:00.000Z", null)).toBe("2026-11-24T02:00:00Z");
    expect(resolveAsOf({ version: 1, datasets: {} }, undefined, "2025-01-01T00:00:00Z")).toBe("2025-01-01T00:00:00Z");
  });
});

describe("envelope", () => {
  it("flags stale, partial and missing inputs", async () => {
    const dir = join(root, "w");
    await writeFixture(dir, { seed: 1, people: 20, copilotDays: 3 });
    writeSyncStatus(dir, {
      product_usage: {
        status: "partial",
        last_success_at: "2026-11-01T00:00:00Z",
        last_changed_at: null,
        sha256: null,
        rows: null,
        sources: [],
        progress: { done: 3, total: 9, cursor: "x" },
        not_ready_days: [],
        error: null,
      },
    });
    const ctx = await buildContext(
      dir,
      ["product_usage", "certified_users", "learning_activity"],
      { version: 1, datasets: {} },
      "2026-11-24T02:00:00Z",
    );
    expect(ctx.currentQuarter).toBe("FY27-Q2");
    expect(ctx.previousQuarter).toBe("FY27-Q1");
    const ctx2 = await buildContext(
      dir,
      ["product_usage", "skills_courses"],
      readSyncStatus(dir),
      "2026-11-24T02:00:00Z",
    );
    const env = envelope(ctx2, "activity", ["product_usage", "skills_courses"]);
    expect(env.flags).toMatchObject({
      stale: true,
      partial: true,
      stale_datasets: ["product_usage"],
      partial_datasets: ["product_usage"],
    });
    expect(env.generated_from.map((s) => s.dataset)).toEqual(["product_usage", "skills_courses"]);
  });
});

describe("periods", () => {
  it("labels ISO weeks, fiscal quarters and fills gaps", () => {
    expect(isoWeek("2021-01-03")).toBe("2020-W53");
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
    expect(quarterOfMonth("2025-07")).toBe("FY26-Q1");
    expect(previousQuarterOf("FY26-Q1")).toBe("FY25-Q4");
    expect(quarterRange(["FY25-Q4"], "FY26-Q2")).toEqual(["FY25-Q4", "FY26-Q1", "FY26-Q2"]);
    expect(monthRange(["2025-12", "2025-11", "2026-01"])).toEqual(["2025-11", "2025-12", "2026-01"]);
  });
});
