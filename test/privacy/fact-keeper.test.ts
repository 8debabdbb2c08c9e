import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { factsFromDir, metricYears, snapshot } from "./worker.ts";

// the audit keeps only the facts the worker's metrics can count (test/privacy/worker.ts factKeeper): same answers
describe("factKeeper", () => {
  it("answers every metric as over all facts, at moments in several fiscal years", async () => {
    const all = await factsFromDir(DEFAULT_DATA_DIR);
    const moments = [
      "2026-11-24T02:00:00Z",
      "2026-10-31T12:00:00Z",
      "2026-07-02T02:00:00Z",
      "2026-06-15T02:00:00Z",
    ].map((s) => new Date(s));
    const years = metricYears(moments);
    const kept = await factsFromDir(DEFAULT_DATA_DIR, years);
    expect(kept.length).toBeLessThan(all.length);
    for (const m of moments) expect(snapshot("x", kept, m)).toEqual(snapshot("x", all, m));
  });
});
