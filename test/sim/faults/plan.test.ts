import { describe, expect, it } from "vitest";
import { createFaultInjector, parseFaultPlan } from "../../../sim/faults/plan.ts";

describe("fault plan", () => {
  it("selects by nth, every, route prefix and times", () => {
    const f = createFaultInjector({
      faults: [
        { route: "kusto:query", nth: [2], kind: "status", status: 429 },
        { route: "kusto:*", every: 3, kind: "reset", times: 1 },
      ],
    });
    const kinds = [1, 2, 3, 4, 5, 6].map(() => f.next("kusto:query")?.kind);
    expect(kinds).toEqual([undefined, "status", "reset", undefined, undefined, undefined]);
    expect(f.next("github:events")).toBeUndefined();
    expect(f.counts().get("kusto:query")).toBe(6);
  });

  it("is deterministic per seed for probability faults", () => {
    const plan = { seed: 42, faults: [{ route: "*", probability: 0.5, kind: "latency" as const, ms: 5 }] };
    const a = createFaultInjector(plan);
    const b = createFaultInjector(plan);
    const seqA = Array.from({ length: 50 }, (_, i) => a.match("github:events", i + 1) !== undefined);
    const seqB = Array.from({ length: 50 }, (_, i) => b.match("github:events", i + 1) !== undefined);
    expect(seqA).toEqual(seqB);
    expect(seqA.filter(Boolean).length).toBeGreaterThan(10);
    expect(seqA.filter(Boolean).length).toBeLessThan(40);
  });

  it("rejects invalid plans and keeps extra params", () => {
    expect(() => parseFaultPlan({ faults: [{ route: "x", kind: "nope" }] })).toThrow();
    expect(() => parseFaultPlan({ faults: [{ route: "x", kind: "empty", nth: [1], every: 2 }] })).toThrow();
    const p = parseFaultPlan({ faults: [{ route: "x", kind: "status", status: 503, custom: 1 }] });
    expect(p.faults[0]).toMatchObject({ custom: 1 });
  });
});
