// GET /api/badge/sync.json: the shields.io endpoint badge from the same status as /api/metrics/sync-status.
import { describe, expect, it } from "vitest";
import { syncBadge, syncOverall } from "#core/badge.ts";
import { call } from "./helpers.ts";

describe("sync status badge", () => {
  it("answers the shields.io endpoint format, agreeing with the sync-status report", async () => {
    const res = await call("/api/badge/sync.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const badge = (await res.json()) as Record<string, unknown>;
    const report = (await (await call("/api/metrics/sync-status")).json()) as {
      overall: string;
      datasets: Record<string, { freshness: string; status: string | null }>;
    };
    const list = Object.values(report.datasets);
    const o = syncOverall(list);
    expect(o.overall).toBe(report.overall);
    expect(badge).toEqual({ ...syncBadge(o.overall, o.problems, list.length), cacheSeconds: 300 });
    expect(badge.schemaVersion).toBe(1);
    expect(["brightgreen", "orange", "red"]).toContain(badge.color);
  });

  it("HEAD has no body; other methods are refused", async () => {
    expect(await (await call("/api/badge/sync.json", { method: "HEAD" })).text()).toBe("");
    expect((await call("/api/badge/sync.json", { method: "POST" })).status).toBe(405);
  });
});
