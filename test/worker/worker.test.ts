/** End-to-end through the worker's default export (wrangler config, Static Assets, bindings to the simulator). */
import { exports } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { simQueries } from "./helpers.ts";

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  exports.default.fetch(new Request(`https://worker.test${path}`, { headers }));
const auth = (): Record<string, string> => ({ authorization: `Bearer ${inject("apiToken")}` });

describe("worker (default export, main simulator)", () => {
  it("GET /api/health", async () => {
    const res = await get("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("serves a live metric from Kusto, then from the cache", async () => {
    const first = await get("/api/metrics/exams-fy");
    expect(first.status).toBe(200);
    expect(first.headers.get("x-data-source")).toBe("kusto");
    expect(first.headers.get("x-cache")).toBe("MISS");
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const body = (await first.json()) as { metric: string; fiscal_year: string };
    expect(body).toMatchObject({ metric: "exams-fy", fiscal_year: "FY27" });
    const second = await get("/api/metrics/exams-fy");
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(second.headers.get("x-data-source")).toBe("kusto");
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(Number(second.headers.get("age"))).toBeGreaterThanOrEqual(0);
  });

  it("answers If-None-Match with 304", async () => {
    const first = await get("/api/metrics/certified-people");
    const etag = first.headers.get("etag") ?? "";
    await first.arrayBuffer();
    const again = await get("/api/metrics/certified-people", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("x-cache")).toBe("HIT");
  });

  it("looks up one person's exams live with the token (private)", async () => {
    const login = inject("pearsonLogin");
    const res = await get(`/api/users/${login}/exams`, auth());
    expect(res.status).toBe(200);
    expect(res.headers.get("x-data-source")).toBe("kusto");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { login: string; exams: { exam_ref: string; exam_source: string }[] };
    expect(body.login).toBe(login.toLowerCase());
    expect(body.exams.some((e) => e.exam_source === "pearson" && e.exam_ref.startsWith("P-"))).toBe(true);
    expect(JSON.stringify(body)).not.toContain("exam_id");
    // the main simulator's log is shared with other test files running at the same time: look at this person's queries
    const mine = (await simQueries("main")).filter(
      (q) => String(q.parameters?.login ?? "").toLowerCase() === login.toLowerCase(),
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((q) => q.parameters?.login === login.toLowerCase())).toBe(true);
  });

  it("joins legacy registrations through the person key", async () => {
    const res = await get(`/api/users/${inject("legacyLogin")}/exams`, auth());
    const body = (await res.json()) as { exams: { exam_id: string; exam_source: string; certification: string }[] };
    expect(body.exams.some((e) => e.exam_source === "legacy" && /^GH-\d{3}$/.test(e.certification))).toBe(true);
  });

  it("requires the token: 401 without, with a wrong one, and for the index shards", async () => {
    const login = inject("pearsonLogin");
    expect((await get(`/api/users/${login}/exams`)).status).toBe(401);
    expect((await get(`/api/users/${login}/exams`, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await get(`/api/users/${login}/exams`, { authorization: `Basic ${inject("apiToken")}` })).status).toBe(401);
    for (const path of [
      "/_private/exams/00.json",
      "/_private/exams/a7.json",
      "/_private/",
      "/_PRIVATE/exams/00.json",
    ]) {
      const res = await get(path);
      expect([401, 404]).toContain(res.status);
      expect(await res.text()).not.toContain("exam_id");
    }
    expect((await get("/_private/exams/00.json")).status).toBe(401);
  });

  it("rejects invalid logins with 400 (after authentication)", async () => {
    for (const bad of ["-abc", "abc-", "a--b", "a".repeat(40), "a_b", "a.b", "%27", "%00", "%E0%A4%A", "%"]) {
      expect((await get(`/api/users/${bad}/exams`, auth())).status, bad).toBe(400);
    }
  });

  it("serves the public static assets but never CSVs", async () => {
    const anchor = await get("/static/anchor.json");
    expect(anchor.status).toBe(200);
    expect((await get("/individual_exams.csv")).status).toBe(404);
    expect((await get("/api/nope")).status).toBe(404);
  });

  it("reports sync status with staleness per dataset", async () => {
    const res = await get("/api/metrics/sync-status");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { overall: string; datasets: Record<string, { freshness: string }> };
    expect(["ok", "degraded", "stale"]).toContain(body.overall);
    expect(body.datasets.individual_exams?.freshness).toMatch(/fresh|stale|never/);
  });
});

describe("live and committed agree", () => {
  it("a person's exams live equal the per-person index built from the committed CSVs", async () => {
    const { call, envFor, bearer } = await import("./helpers.ts");
    const down = envFor(undefined, { KUSTO_CSE_URL: "http://127.0.0.1:9", KUSTO_GH_URL: "http://127.0.0.1:9" });
    for (const login of [inject("pearsonLogin"), inject("legacyLogin")]) {
      const live = await call(`/api/users/${login}/exams`, { headers: bearer() });
      const committed = await call(`/api/users/${login}/exams`, { env: down, headers: bearer() });
      expect(live.headers.get("x-data-source")).toBe("kusto");
      expect(committed.headers.get("x-data-source")).toBe("csv-fallback");
      const a = (await live.json()) as { exams: unknown[] };
      const b = (await committed.json()) as { exams: unknown[] };
      expect(a.exams.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
    }
  });
});
