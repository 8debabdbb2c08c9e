/** The 5-minute TTL against a controlled clock, and single-flight counted in the simulator's log. */
import { afterAll, describe, expect, inject, it } from "vitest";
import { bearer, call, closeSim, envFor, freshCache, type SimHandle, simQueries, startSim } from "./helpers.ts";

const started: SimHandle[] = [];
afterAll(async () => {
  await Promise.all(started.map(closeSim));
});

describe("cache", () => {
  it("HIT within 5 minutes, MISS after (controlled clock)", async () => {
    const s = await startSim();
    started.push(s);
    const env = envFor(s);
    const cache = await freshCache();
    const t0 = Date.UTC(2026, 10, 24, 2);
    let t = t0;
    const now = () => t;
    const a = await call("/api/metrics/exams-fy", { env, cache, now });
    expect(a.headers.get("x-cache")).toBe("MISS");
    expect(a.headers.get("age")).toBe("0");
    t = t0 + 299_000;
    const b = await call("/api/metrics/exams-fy", { env, cache, now });
    expect(b.headers.get("x-cache")).toBe("HIT");
    expect(b.headers.get("age")).toBe("299");
    expect((await simQueries(s)).length).toBe(1);
    t = t0 + 300_001;
    const c = await call("/api/metrics/exams-fy", { env, cache, now });
    expect(c.headers.get("x-cache")).toBe("MISS");
    expect(c.headers.get("x-data-source")).toBe("kusto");
    expect((await simQueries(s)).length).toBe(2);
  });

  it("normalizes keys: case and trailing slash share one entry", async () => {
    const s = await startSim();
    started.push(s);
    const env = envFor(s);
    const cache = await freshCache();
    await (await call("/api/metrics/pass-rate", { env, cache })).text();
    const again = await call("/api/metrics/PASS-RATE/?x=1", { env, cache });
    expect(again.headers.get("x-cache")).toBe("HIT");
  });

  it("never shares a per-person entry across tokens", async () => {
    const s = await startSim();
    started.push(s);
    const cache = await freshCache();
    const login = inject("pearsonLogin");
    const env = envFor(s);
    const a = await call(`/api/users/${login}/exams`, { env, cache, headers: bearer() });
    expect(a.headers.get("x-cache")).toBe("MISS");
    const b = await call(`/api/users/${login.toUpperCase()}/exams`, { env, cache, headers: bearer() });
    expect(b.headers.get("x-cache")).toBe("HIT");
    const other = envFor(s, { API_TOKEN: "another-deployment-token" });
    const c = await call(`/api/users/${login}/exams`, {
      env: other,
      cache,
      headers: { authorization: "Bearer another-deployment-token" },
    });
    expect(c.headers.get("x-cache")).toBe("MISS");
  });

  it("single-flight: 50 concurrent cold requests → 1 upstream query", async () => {
    const s = await startSim({ faults: [{ route: "kusto:query", kind: "latency", ms: 200 }] });
    started.push(s);
    const env = envFor(s);
    const cache = await freshCache();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => call("/api/metrics/exams-fy", { env, cache })),
    );
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.every((r) => r.headers.get("x-data-source") === "kusto")).toBe(true);
    expect((await simQueries(s)).length).toBe(1);
  });
});

describe("single-flight followers", () => {
  it("answer from the fallback when the leader's load never settles (cancelled leader)", async () => {
    const { cached } = await import("../../worker/src/cache.ts");
    const cache = await freshCache();
    const deps = { cache, now: () => 0, maxWaitMs: 50 };
    const never = new Promise<string>(() => {});
    void cached(
      "stuck/key",
      deps,
      () => never,
      async () => "{}",
    );
    const follower = await cached(
      "stuck/key",
      deps,
      () => never,
      async () => '{"fallback":true}',
    );
    expect(follower.source).toBe("csv-fallback");
    expect(follower.body).toBe('{"fallback":true}');
  });
});
