/**
 * The route table as a whole (worker/src/app.ts): every route answers HEAD like GET, preflights alike, refuses
 * every other method with a 405 problem naming what it allows, and the last-resort 500 says nothing of the cause.
 * The table and this list must agree: a new route fails the first test until it is listed here.
 */
import { describe, expect, it } from "vitest";
import { createApp, defaultDeps, handle } from "../../worker/src/app.ts";
import { SECURITY_HEADERS } from "../../worker/src/http.ts";
import { bearer, call, envFor } from "./helpers.ts";

/** Each route of the table (as registered) → one request path it answers. */
const SAMPLES: Readonly<Record<string, string>> = {
  "/api/health": "/api/health",
  "/api/metrics/sync-status": "/api/metrics/sync-status",
  "/api/badge/sync.json": "/api/badge/sync.json",
  "/api/metrics/:name": "/api/metrics/pass-rate",
  "/api/metrics/:name/": "/api/metrics/pass-rate/",
  "/api/users/:login{[^/]*}/exams": "/api/users/octocat/exams",
  "/api/users/:login{[^/]*}/exams/": "/api/users/octocat/exams/",
  "/auth/login": "/auth/login",
  "/auth/callback": "/auth/callback",
  "/auth/logout": "/auth/logout",
  "/me": "/me",
  "/api/me/exams": "/api/me/exams",
  "/_private/:rest{.*}": "/_private/exams/00.json",
  "/api/:rest{.*}": "/api/nothing",
  "/*": "/aggregated/kpis.json",
};
const ORIGIN = "https://dashboard.example";

describe("the route table", () => {
  it("lists every GET and POST route of the app here", () => {
    const routes = new Set(
      createApp()
        .routes.filter((r) => r.method !== "ALL")
        .map((r) => r.path),
    );
    expect([...routes].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it("answers HEAD on every route like GET, without a body", async () => {
    for (const path of Object.values(SAMPLES)) {
      const get = await call(path, { headers: bearer() });
      await get.arrayBuffer();
      const head = await call(path, { method: "HEAD", headers: bearer() });
      expect(head.status, path).toBe(get.status);
      expect([...head.headers.keys()].sort(), path).toEqual([...get.headers.keys()].sort());
      expect(await head.text(), path).toBe("");
    }
  });

  it("preflights every route alike: 204 for the dashboard's origin, 403 for any other", async () => {
    for (const path of Object.values(SAMPLES)) {
      const ok = await call(path, { method: "OPTIONS", headers: { origin: ORIGIN } });
      expect(ok.status, path).toBe(204);
      expect(ok.headers.get("access-control-allow-origin"), path).toBe(ORIGIN);
      expect(ok.headers.get("access-control-allow-methods"), path).toBe("GET, HEAD, OPTIONS");
      const refused = await call(path, { method: "OPTIONS", headers: { origin: "https://evil.example" } });
      expect(refused.status, path).toBe(403);
      expect(refused.headers.get("access-control-allow-origin"), path).toBeNull();
      expect(refused.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });

  it("refuses every other method on every route: 405, a JSON problem, Allow, CORS for the dashboard", async () => {
    for (const path of Object.values(SAMPLES)) {
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        if (method === "POST" && path === "/auth/logout") continue;
        const res = await call(path, { method, headers: { origin: ORIGIN } });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(await res.json()).toEqual({ error: "method not allowed", status: 405 });
        const allow = new Set((res.headers.get("allow") ?? "").split(", "));
        expect(allow, `${method} ${path}`).toEqual(
          new Set(path === "/auth/logout" ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"]),
        );
        expect(res.headers.get("access-control-allow-origin"), `${method} ${path}`).toBe(ORIGIN);
      }
    }
    // the one POST route still refuses GET, with its own message
    const get = await call("/auth/logout");
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ error: "sign out with POST /auth/logout", status: 405 });
  });

  it("answers anything thrown with the last-resort 500: no cause, no CORS, security headers, the error's name logged", async () => {
    for (const thrown of [new TypeError("cause-in-the-message"), "cause-as-a-string"]) {
      const log: string[] = [];
      const res = await handle(
        new Request("https://worker.test/api/metrics/pass-rate", { headers: { origin: ORIGIN } }),
        envFor(undefined),
        {
          ...defaultDeps,
          cache: () => {
            throw thrown;
          },
          log: (line) => log.push(line),
        },
      );
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: "internal error", status: 500 });
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(k), k).toBe(v);
      expect(log).toEqual([`internal error: ${thrown instanceof Error ? "TypeError" : "Error"}`]);
    }
  });
});
