/**
 * One Kusto cluster through azure-kusto-data (the client from core/kusto-client.ts: DefaultAzureCredential with a
 * per-cluster token scope, anonymous only for a loopback URL). Requests use `raw` responses so frames.ts can detect every partial failure itself; client errors
 * are mapped to transient (retried) or permanent (fail fast, with the service's message).
 */
import { ClientRequestProperties } from "azure-kusto-data";
import { isLoopback, kustoClient } from "#core/kusto-client.ts";
import { PermanentError, TransientError } from "./errors.ts";

export { isLoopback };

export interface RawQuery {
  /** returns the parsed JSON body (frame array) or, for an unreadable body, whatever the transport produced */
  (csl: string, parameters: Readonly<Record<string, string>>): Promise<unknown>;
  close(): void;
}

interface HttpishError {
  readonly message?: string;
  readonly code?: string;
  readonly response?: { readonly status?: number; readonly data?: unknown; readonly headers?: Record<string, unknown> };
  readonly inner?: HttpishError;
}

/**
 * What the status message says about an error body. A OneApi JSON error keeps the service's message (the status
 * scrubs quoted values); a body that is not JSON (`text/plain` from a gateway, an HTML proxy page) is described by its
 * content type and size only: its text is never quoted, it may be anything.
 */
export function serviceMessage(data: unknown, headers?: Record<string, unknown>): string | undefined {
  if (data === null || data === undefined || data === "") return undefined;
  if (typeof data === "string") {
    const type =
      String(headers?.["content-type"] ?? "no content type")
        .split(";")[0]
        ?.trim() || "no content type";
    return `non-JSON error body (${type}, ${data.length} characters, not quoted)`;
  }
  const e = (data as { error?: Record<string, unknown> }).error;
  if (e === undefined || e === null || typeof e !== "object") return "error body without a OneApi error object";
  return String(e["@message"] ?? e.message ?? e.code ?? "OneApi error without a message");
}

function retryAfterMs(headers: Record<string, unknown> | undefined): number | undefined {
  const v = headers?.["retry-after"];
  if (v === undefined || v === null) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return secs * 1000;
  const at = Date.parse(String(v));
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ECONNREFUSED",
  "ERR_BAD_RESPONSE",
]);

/** Maps whatever azure-kusto-data threw to TransientError / PermanentError. */
export function classifyClientError(err: unknown, what: string): Error {
  const e = (err ?? {}) as HttpishError;
  const throttled = e.inner?.response?.status === 429 || e.response?.status === 429;
  if (throttled) {
    const r = e.inner?.response ?? e.response;
    return new TransientError(
      `${what}: throttled (429): ${serviceMessage(r?.data, r?.headers) ?? "too many requests"}`,
      retryAfterMs(r?.headers),
    );
  }
  const status = e.response?.status;
  if (status !== undefined) {
    const msg = serviceMessage(e.response?.data, e.response?.headers) ?? e.message ?? "";
    // < 400: the headers arrived but the body broke off (reset mid-body)
    if (status < 400 || status === 408 || status >= 500) return new TransientError(`${what}: HTTP ${status}: ${msg}`);
    if (status === 401 || status === 403) {
      return new PermanentError(
        `${what}: HTTP ${status} (${status === 401 ? "unauthenticated" : "forbidden"}): ${msg}`,
      );
    }
    return new PermanentError(`${what}: HTTP ${status}: ${msg}`);
  }
  const message = e.message ?? String(err);
  if (
    (e.code && TRANSIENT_CODES.has(e.code)) ||
    /socket hang up|timeout|ECONNRESET|aborted|Failed to get cloud info|Unexpected end/i.test(message)
  ) {
    return new TransientError(`${what}: ${e.code ? `${e.code}: ` : ""}${message}`);
  }
  return new PermanentError(`${what}: ${message}`);
}

export interface ConnectOptions {
  readonly url: string;
  readonly database: string;
  /** server timeout per request (the client waits 30 s longer) */
  readonly serverTimeoutMs: number;
}

/** A raw-query function for one cluster/database. */
export function connect(opts: ConnectOptions): RawQuery {
  const url = opts.url.replace(/\/+$/, "");
  const client = kustoClient(url);
  const query = async (csl: string, parameters: Readonly<Record<string, string>>): Promise<unknown> => {
    const props = new ClientRequestProperties();
    props.raw = true;
    props.setTimeout(opts.serverTimeoutMs);
    for (const [k, v] of Object.entries(parameters)) props.setParameter(k, v);
    try {
      return await client.execute(opts.database, csl, props);
    } catch (err) {
      throw classifyClientError(err, `${url}/${opts.database}`);
    }
  };
  return Object.assign(query, { close: () => client.close() });
}
