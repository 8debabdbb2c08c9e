/**
 * Security suite, worker side (counted by `npm run test:security`; every `attack:` case is one attack): security
 * headers on every answer, per-person answers never stored, the demo token refused outside the demo.
 */
import { describe, expect, it } from "vitest";
import { DEMO_API_TOKEN } from "#core/demo.ts";
import { SECURITY_HEADERS } from "../../worker/src/http.ts";
import { bearer, call, envFor } from "./helpers.ts";

const PATHS: readonly [string, string, Record<string, string>][] = [
  ["GET", "/api/health", {}],
  ["GET", "/api/metrics/sync-status", {}],
  ["GET", "/api/metrics/pass-rate", {}],
  ["GET", "/api/metrics/no-such-metric", {}],
  ["GET", "/api/users/octocat/exams", {}],
  ["GET", "/api/users/octocat/exams", bearer()],
  ["GET", "/api/users/bad..login/exams", bearer()],
  ["GET", "/api/nothing", {}],
  ["POST", "/api/health", {}],
  ["OPTIONS", "/api/health", { origin: "https://evil.example" }],
  ["GET", "/aggregated/kpis.json", {}],
  ["GET", "/_private/exams/00.json", {}],
];

describe("worker answers (security suite)", () => {
  it("attack: MIME sniffing / framing — every answer carries nosniff and the security headers", async () => {
    for (const [method, path, headers] of PATHS) {
      const res = await call(path, { method, headers });
      await res.arrayBuffer();
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) {
        expect(res.headers.get(k), `${method} ${path} ${k}`).toBe(v);
      }
    }
  });

  it("attack: a shared cache keeps one person's exams — per-person answers are no-store", async () => {
    const res = await call("/api/users/octocat/exams", { headers: bearer() });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("vary")).toContain("Authorization");
  });

  it("attack: the published demo token against a deployment — refused outside the demo", async () => {
    const headers = { authorization: `Bearer ${DEMO_API_TOKEN}` };
    const real = envFor(undefined, {
      API_TOKEN: DEMO_API_TOKEN,
      KUSTO_CSE_URL: "https://cse-analytics.westeurope.kusto.windows.net",
      KUSTO_GH_URL: "https://gh-analytics.westeurope.kusto.windows.net",
    });
    const refused = await call("/api/users/octocat/exams", { env: real, headers });
    await refused.arrayBuffer();
    expect(refused.status).toBe(401);
    // the demo itself (loopback simulators) still accepts it
    const demo = envFor(undefined, { API_TOKEN: DEMO_API_TOKEN });
    const ok = await call("/api/users/octocat/exams", { env: demo, headers });
    await ok.arrayBuffer();
    expect(ok.status).toBe(200);
  });

  it("attack: the person-level index fetched as a static file — 401, never served", async () => {
    const res = await call("/_private/exams/00.json");
    expect(res.status).toBe(401);
    expect(await res.text()).not.toMatch(/exam/);
  });
});
