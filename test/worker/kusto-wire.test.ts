/**
 * The Kusto wire variants of issue 14 through the worker's fetch client, in workerd, against the simulator: a query
 * cancelled midway and a text/plain error fall back to the committed copy (never a partial number, never the body in
 * the log); column types sent as SDK aliases are read live, with the same answer as the canonical types.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import { bearer, call, closeSim, envFor, type SimHandle, simQueries, startSim } from "./helpers.ts";

const started: SimHandle[] = [];
afterAll(async () => {
  await Promise.all(started.map(closeSim));
});

async function sim(faults?: unknown): Promise<SimHandle> {
  const s = await startSim(faults);
  started.push(s);
  return s;
}

describe("Kusto wire variants through the worker", () => {
  it("Cancelled with HasErrors false: falls back, logged as cancelled", async () => {
    const s = await sim({ faults: [{ route: "kusto:query", kind: "cancelled", afterRows: 1 }] });
    const log: string[] = [];
    const res = await call("/api/metrics/certified-people", { env: envFor(s), log });
    expect(res.headers.get("x-data-source")).toBe("csv-fallback");
    expect(log.join("\n")).toMatch(/kusto cancelled/);
    expect((await simQueries(s)).every((q) => q.fault === "cancelled")).toBe(true);
  });

  it("text/plain 503: falls back without quoting the body", async () => {
    const body = "gateway-text-5d1c";
    const s = await sim({ faults: [{ route: "kusto:query", kind: "text-error", status: 503, message: body }] });
    const log: string[] = [];
    const res = await call("/api/metrics/certified-people", { env: envFor(s), log });
    expect(res.headers.get("x-data-source")).toBe("csv-fallback");
    expect(log.join("\n")).toMatch(/status 503/);
    expect(log.join("\n")).not.toContain(body);
  });

  it("type aliases (date, boolean, double, int64…): read live, same answer as canonical types", async () => {
    const login = inject("pearsonLogin");
    const aliased = await sim({ faults: [{ route: "kusto:query", kind: "type-alias" }] });
    const plain = await sim();
    const a = await call(`/api/users/${login}/exams`, { env: envFor(aliased), headers: bearer() });
    const b = await call(`/api/users/${login}/exams`, { env: envFor(plain), headers: bearer() });
    expect(a.headers.get("x-data-source")).toBe("kusto");
    expect(await a.json()).toEqual(await b.json());
    const m = await call("/api/metrics/certified-people", { env: envFor(aliased) });
    expect(m.headers.get("x-data-source")).toBe("kusto");
  });
});
