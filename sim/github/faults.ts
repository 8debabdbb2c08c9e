/**
 * How the shared fault plan (`sim/faults/plan.ts`) shows on the GitHub simulator's wire. Route names:
 * `github:copilot-report`, `github:download`, `github:events`, `github:org-repos`, `github:forks`, `github:repo`,
 * `github:search`, `github:pulls`, `github:issues`, `github:comments`, `github:labels`, `github:graphql`,
 * `github:unknown`. Kusto-only kinds (`has-errors`, `inline-error`, `drift`) are ignored here.
 */
import { STATUS_CODES } from "node:http";
import type { Fault } from "../faults/plan.ts";
import {
  badCredentials,
  error,
  notFound,
  primaryLimit,
  primaryLimitMessage,
  type Reply,
  secondaryLimit,
  serverError,
  UNICORN_HTML,
  validationFailed,
} from "./errors.ts";
import { type LimitState, limitHeaders } from "./ratelimit.ts";

/** A reply that replaces the route's answer (`status`, `non-json`), or undefined when the route must still run. */
export function faultReply(f: Fault, tokenKind: string, who: string, limit: LimitState): Reply | undefined {
  if (f.kind === "non-json")
    return { status: f.status ?? 200, raw: UNICORN_HTML, headers: { "content-type": "text/html; charset=utf-8" } };
  if (f.kind !== "status") return undefined;
  const status = f.status ?? 500;
  const retryAfter = f.retryAfter ?? 60;
  if (status === 403 || status === 429) {
    const mode = typeof f.limit === "string" ? f.limit : "primary";
    if (mode === "secondary") {
      const r = secondaryLimit(status, retryAfter, f.message);
      // GitHub does not always send retry-after with a secondary limit (plugin-throttling.js#454)
      const headers = f.retryAfterHeader === false ? {} : r.headers;
      return { ...r, headers: { ...limitHeaders(limit), ...headers } };
    }
    if (mode === "primary") {
      const exhausted: LimitState = {
        ...limit,
        remaining: 0,
        used: limit.limit,
        reset: Math.ceil(Date.now() / 1000) + retryAfter,
      };
      const r = primaryLimit(f.message ?? primaryLimitMessage(tokenKind, who));
      return { ...r, status, headers: limitHeaders(exhausted) };
    }
    return error(status, f.message ?? "Forbidden");
  }
  if (status === 401) return badCredentials();
  if (status === 404) return notFound();
  if (status === 422)
    return f.message === undefined
      ? validationFailed([{ resource: "Request", code: "invalid" }])
      : error(422, f.message);
  if (status >= 500) return serverError(status, f.message);
  return error(status, f.message ?? STATUS_CODES[status] ?? "Error");
}

/** `empty`: the route's listing with no items. */
export function emptied(reply: Reply): Reply {
  if (Array.isArray(reply.body)) return { ...reply, body: [], headers: {} };
  const b = reply.body;
  if (b !== null && typeof b === "object" && "items" in b)
    return { ...reply, body: { total_count: 0, incomplete_results: false, items: [] }, headers: {} };
  return reply;
}

/** Bytes to write before a `reset` / `truncate` (default: half the body). */
export function cutAt(f: Fault | undefined, length: number): number | undefined {
  if (f === undefined || (f.kind !== "reset" && f.kind !== "truncate")) return undefined;
  return Math.min(length, f.afterBytes ?? Math.floor(length / 2));
}
