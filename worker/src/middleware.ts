/**
 * The middleware applied once around the routes of app.ts, outermost first:
 *   security (hono/secure-headers) → errorsAreErrors → context (context.ts) → cors (ours) → methods
 *   (hono/method-not-allowed) → dataEtag (hono/etag, data routes only) → per-route auth (requireToken here,
 *   sessionAuth and staffAuth in profile-routes.ts) → the handler.
 * Hono's built-ins are used where they give the existing behaviour (configured to it): secure-headers, etag,
 * method-not-allowed. Ours where they do not, for the reason given on each: `cors`, `requireToken`, and the small
 * `errorsAreErrors` and `personal` (docs/worker.md, Middleware).
 */
import type { Hono } from "hono";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import { createMiddleware } from "hono/factory";
import { methodNotAllowed } from "hono/method-not-allowed";
import { secureHeaders } from "hono/secure-headers";
import { authorized, configuredToken } from "./auth.ts";
import type { AppEnv } from "./context.ts";
import { challenge, corsHeaders, etagDigest, preflight, problem } from "./http.ts";

/**
 * SECURITY_HEADERS (http.ts) on every answer — errors, 401s, preflights and static files included — and nothing
 * else of hono/secure-headers' defaults. `overwrite: false` keeps a policy an answer brings: only the /me pages set
 * one, `default-src 'none'` plus their stylesheet's hash.
 */
export const security = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  crossOriginResourcePolicy: "cross-origin",
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: "no-referrer",
  strictTransportSecurity: "max-age=31536000",
  xContentTypeOptions: true,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: "DENY",
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  overwrite: false,
});

/** Hono hands only Errors to `onError`; anything else thrown becomes one, so the last-resort 500 answers it too. */
export const errorsAreErrors = createMiddleware(async (_c, next) => {
  try {
    await next();
  } catch (e) {
    throw e instanceof Error ? e : new Error("non-Error thrown");
  }
});

/**
 * CORS for the one configured origin (WORKER_CORS_ORIGIN, read per request): preflight 204, or 403 for any other
 * origin; answers get Allow-Origin and the exposed data headers, except the personal routes and the last-resort 500.
 * Ours, not hono/cors: hono/cors answers a refused preflight 204 (the tests want 403), sets Expose-Headers for any
 * origin, and appends `Vary: Origin` to answers that already say it.
 */
export const cors = createMiddleware<AppEnv>(async (c, next) => {
  const allowed = c.var.ctx.config.corsOrigin;
  const origin = c.req.header("origin");
  if (c.req.method === "OPTIONS") return preflight(origin, allowed);
  await next();
  if (c.error !== undefined || c.var.personal === true) return;
  for (const [k, v] of Object.entries(corsHeaders(origin, allowed))) c.res.headers.set(k, v);
  return undefined;
});

/** 405 (a JSON problem, with Allow) for a method no route of the table takes on that path. */
export function methods(app: Hono<AppEnv>) {
  return methodNotAllowed<AppEnv>({
    app,
    onMethodNotAllowed: (_c, allowed) => {
      const res = problem(405, "method not allowed");
      res.headers.set("allow", allowed.join(", "));
      return res;
    },
  });
}

/**
 * ETag (the first 12 bytes of the body's SHA-256) and 304 on If-None-Match, for the data routes. A 304 keeps the
 * data headers (X-Data-Source, X-Cache, Age, X-Stale) and a rotated session cookie besides the RFC 9110 set.
 */
export const dataEtag = etag({
  generateDigest: etagDigest,
  retainedHeaders: [...RETAINED_304_HEADERS, "x-data-source", "x-cache", "age", "x-stale", "set-cookie"],
});

/**
 * The API token (auth.ts: constant time, the demo token only in the demo) or 401. Ours, not hono/bearer-auth:
 * that answers a malformed Authorization header 400 and its 401 in plain text; ours is 401 `{"error","status"}`.
 */
export const requireToken = createMiddleware<AppEnv>(async (c, next) => {
  if (!(await authorized(c.req.raw, configuredToken(c.env)))) return challenge(401, "unauthorized");
  return next();
});

/** Marks a personal route: its answers never carry CORS headers. */
export const personal = createMiddleware<AppEnv>(async (c, next) => {
  c.set("personal", true);
  await next();
});
