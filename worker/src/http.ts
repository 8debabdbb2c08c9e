/**
 * Response helpers: JSON bodies, the data headers (X-Data-Source, X-Cache, Age, Cache-Control, ETag/304), CORS, and
 * the security headers every answer carries (`withSecurityHeaders`, applied once around the router).
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

/** Middleware: the response with SECURITY_HEADERS set (a new Response: fetched ones may be immutable). */
export function withSecurityHeaders(res: Response): Response {
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) {
    // a page's own policy is kept when it starts from `default-src 'none'` (the /me page allows its style by hash)
    if (k === "content-security-policy" && (headers.get(k) ?? "").startsWith("default-src 'none';")) continue;
    headers.set(k, v);
  }
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

export function corsHeaders(req: Request, allowedOrigin: string): Record<string, string> {
  const origin = req.headers.get("origin");
  if (allowedOrigin === "" || origin !== allowedOrigin) return {};
  return { "access-control-allow-origin": origin, "access-control-expose-headers": EXPOSED_HEADERS };
}

/** CORS preflight: 204 for the configured origin, 403 for any other. */
export function preflight(req: Request, allowedOrigin: string): Response {
  const cors = corsHeaders(req, allowedOrigin);
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

export function json(req: Request, status: number, value: unknown, cors: Record<string, string>): Response {
  return new Response(req.method === "HEAD" ? null : JSON.stringify(value), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      vary: "Origin",
      ...cors,
    },
  });
}

export function problem(req: Request, status: number, message: string, cors: Record<string, string>): Response {
  return json(req, status, { error: message, status }, cors);
}

export async function etagOf(body: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  return `"${[...bytes.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === etag);
}

/** A data response with every data header; 304 when If-None-Match names its ETag. */
export async function dataResponse(
  req: Request,
  outcome: Outcome,
  opts: { personal: boolean; now: number; cors: Record<string, string> },
): Promise<Response> {
  const etag = await etagOf(outcome.body);
  const age = Math.max(0, Math.floor((opts.now - outcome.storedAt) / 1000));
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "x-data-source": outcome.source,
    "x-cache": outcome.cache,
    age: String(age),
    // per-person answers are never stored by a browser or proxy (the worker's own cache is keyed by token)
    "cache-control": opts.personal ? "no-store" : "public, max-age=300",
    etag,
    vary: opts.personal ? "Origin, Authorization" : "Origin",
    ...opts.cors,
  };
  if (outcome.stale) headers["x-stale"] = "1";
  if (matches(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(req.method === "HEAD" ? null : outcome.body, { status: 200, headers });
}
