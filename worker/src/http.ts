/**
 * Response helpers: JSON bodies and problems, the data headers (X-Data-Source, X-Cache, Age, Cache-Control), and the
 * header sets the middleware applies once around every route (worker/src/middleware.ts): the security headers, CORS
 * and the preflight. No helper takes the request or CORS headers: HEAD bodies are dropped by Hono, CORS and the
 * security headers are added by middleware, the ETag and 304 by the etag middleware.
 */
import type { Outcome } from "./cache.ts";

export const EXPOSED_HEADERS = "X-Data-Source, X-Cache, Age, ETag, Cache-Control";

/** Headers on every answer: no MIME sniffing, no framing, no referrer, nothing loaded from an API answer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "cross-origin-resource-policy": "cross-origin",
  "strict-transport-security": "max-age=31536000",
};

/** The CORS headers of an answer: only for the configured origin, and then with the data headers exposed. */
export function corsHeaders(origin: string | undefined, allowedOrigin: string): Record<string, string> {
  if (allowedOrigin === "" || origin !== allowedOrigin) return {};
  return { "access-control-allow-origin": origin, "access-control-expose-headers": EXPOSED_HEADERS };
}

/** CORS preflight: 204 for the configured origin, 403 for any other. */
export function preflight(origin: string | undefined, allowedOrigin: string): Response {
  const cors = corsHeaders(origin, allowedOrigin);
  if (!("access-control-allow-origin" in cors)) return new Response(null, { status: 403, headers: { vary: "Origin" } });
  return new Response(null, {
    status: 204,
    headers: {
      ...cors,
      "access-control-allow-methods": "GET, HEAD, OPTIONS",
      "access-control-allow-headers": "Authorization, If-None-Match",
      "access-control-max-age": "600",
      vary: "Origin",
    },
  });
}

export function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", vary: "Origin" },
  });
}

/** The JSON problem `{"error","status"}` every refusal is; the message never carries an upstream value. */
export function problem(status: number, message: string): Response {
  return json(status, { error: message, status });
}

/** A refusal with a bearer challenge (the staff route, the private prefix): `{"error","status"}`, no Vary. */
export function challenge(status: 401 | 403, message: string, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: message, status }), {
    status,
    headers: { "content-type": "application/json", ...extra, "www-authenticate": 'Bearer realm="ace"' },
  });
}

/** The ETag of a body: the first 12 bytes of its SHA-256, hex (the digest the etag middleware is given). */
export async function etagDigest(body: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  return (await crypto.subtle.digest("SHA-256", body)).slice(0, 12);
}

/** A data answer with every data header (the ETag and the 304 come from the etag middleware). */
export function dataResponse(outcome: Outcome, opts: { personal: boolean; now: number }): Response {
  const age = Math.max(0, Math.floor((opts.now - outcome.storedAt) / 1000));
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "x-data-source": outcome.source,
    "x-cache": outcome.cache,
    age: String(age),
    // per-person answers are never stored by a browser or proxy (the worker's own cache is keyed by token)
    "cache-control": opts.personal ? "no-store" : "public, max-age=300",
    vary: opts.personal ? "Origin, Authorization" : "Origin",
  };
  if (outcome.stale) headers["x-stale"] = "1";
  return new Response(outcome.body, { status: 200, headers });
}
