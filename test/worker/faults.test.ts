/** Every Kusto fault → the committed fallback, with the right headers; the last-good copy during outages. */
import { afterAll, describe, expect, inject, it } from "vitest";
import { bearer, call, closeSim, envFor, freshCache, type SimHandle, simQueries, startSim } from "./helpers.ts";

const started: SimHandle[] = [];
afterAll(async () => {
  await Promise.all(started.map(closeSim));
});

async function sim(faults?: unknown, limits?: unknown): Promise<SimHandle> {
  const s = await startSim(faults, limits);
  started.push(s);
  return s;
}

const CASES: { name: string; faults?: unknown; limits?: unknown; timeoutMs?: string }[] = [
  {
    name: "429 throttling",
    faults: { faults: [{ route: "kusto:query", kind: "status", status: 429, retryAfter: 1 }] },
  },
  { name: "500 internal error", faults: { faults: [{ route: "kusto:query", kind: "status", status: 500 }] } },
  { name: "504 gateway timeout", faults: { faults: [{ route: "kusto:query", kind: "status", status: 504 }] } },
  { name: "timeout", faults: { faults: [{ route: "kusto:query", kind: "latency", ms: 5000 }] }, timeoutMs: "250" },
  { name: "HasErrors completion", faults: { faults: [{ route: "kusto:query", kind: "has-errors" }] } },
  { name: "inline row error", faults: { faults: [{ route: "kusto:query", kind: "inline-error", afterRows: 0 }] } },
  { name: "truncation", limits: { maxRecords: 0 } },
  { name: "malformed body (non-JSON)", faults: { faults: [{ route: "kusto:query", kind: "non-json" }] } },
  { name: "body cut short", faults: { faults: [{ route: "kusto:query", kind: "truncate", afterBytes: 40 }] } },
  { name: "connection reset", faults: { faults: [{ route: "kusto:query", kind: "reset", afterBytes: 10 }] } },
];

describe("Kusto faults → fallback", () => {
  for (const c of CASES) {
    it(`${c.name}: metric falls back to the committed copy`, async () => {
      const s = await sim(c.faults, c.limits);
      const log: string[] = [];
      const env = envFor(s, c.timeoutMs === undefined ? {} : { KUSTO_TIMEOUT_MS: c.timeoutMs });
      const res = await call("/api/metrics/certified-people", { env, log });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-data-source")).toBe("csv-fallback");
      expect(res.headers.get("x-cache")).toBe("MISS");
      expect(res.headers.get("cache-control")).toBe("public, max-age=300");
      expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]+"$/);
      expect(await res.json()).toMatchObject({ metric: "certified-people" });
      // (a timed-out request is logged by the simulator only when it completes)
      if (c.timeoutMs === undefined) expect((await simQueries(s)).length).toBeGreaterThan(0);
      expect(log.join("\n")).toMatch(/falling back/);
    });

    it(`${c.name}: exams fall back to the per-person index`, async () => {
      const s = await sim(c.faults, c.limits);
      const env = envFor(s, c.timeoutMs === undefined ? {} : { KUSTO_TIMEOUT_MS: c.timeoutMs });
      const login = inject("pearsonLogin");
      const res = await call(`/api/users/${login}/exams`, { env, headers: bearer() });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-data-source")).toBe("csv-fallback");
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = (await res.json()) as { exams: unknown[] };
      expect(body.exams.length).toBeGreaterThan(0);
    });
  }

  it("the timeout fallback answers within the deadline", async () => {
    const s = await sim({ faults: [{ route: "kusto:query", kind: "latency", ms: 20_000 }] });
    const started = Date.now();
    const res = await call("/api/metrics/exams-fy", { env: envFor(s, { KUSTO_TIMEOUT_MS: "300" }) });
    expect(res.headers.get("x-data-source")).toBe("csv-fallback");
    // bounded, not a timing assertion on speed: it must not wait for the 20 s upstream
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("an outage serves the last good copy before the fallback", async () => {
    const s = await sim({ faults: [{ route: "kusto:query", kind: "status", status: 500, nth: [2, 3, 4] }] });
    const cache = await freshCache();
    let t = Date.UTC(2026, 10, 24, 2);
    const now = () => t;
    const env = envFor(s);
    const first = await call("/api/metrics/exams-fy", { env, cache, now });
    expect(first.headers.get("x-data-source")).toBe("kusto");
    const good = await first.text();
    t += 10 * 60_000;
    const during = await call("/api/metrics/exams-fy", { env, cache, now });
    expect(during.headers.get("x-data-source")).toBe("kusto");
    expect(during.headers.get("x-cache")).toBe("HIT");
    expect(during.headers.get("x-stale")).toBe("1");
    expect(during.headers.get("age")).toBe("600");
    expect(await during.text()).toBe(good);
  });

  it("with Kusto unreachable and no copy, falls back", async () => {
    const env = envFor(undefined, { KUSTO_CSE_URL: "http://127.0.0.1:9", KUSTO_GH_URL: "http://127.0.0.1:9" });
    const res = await call("/api/metrics/pass-rate", { env });
    expect(res.headers.get("x-data-source")).toBe("csv-fallback");
  });
});
