/**
 * Kusto REST v2 over `fetch` (no SDK): `POST {cluster}/v2/rest/query` with `properties.Parameters`. The query text is
 * always one of the fixed `.kql` files; values travel only as parameters, so nothing a caller sends can change it.
 */
import { KustoError } from "./errors.ts";
import { type KustoTable, parseV2 } from "./frames.ts";
import { type Fetch, kustoToken, type TokenConfig } from "./token.ts";

export interface KustoTarget {
  readonly url: string;
  readonly database: string;
}

export interface QueryOptions {
  readonly signal: AbortSignal;
  readonly tokenConfig: TokenConfig;
  readonly fetch: Fetch;
  readonly now: () => number;
  /** server-side timeout hint, milliseconds */
  readonly timeoutMs: number;
}

/** `datetime(2026-11-24T02:00:00.000Z)`: how non-string parameters travel (KQL literals in strings). */
export function datetimeParam(d: Date): string {
  return `datetime(${d.toISOString()})`;
}

function serverTimeout(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return `00:${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export async function kustoQuery(
  target: KustoTarget,
  csl: string,
  parameters: Readonly<Record<string, string>>,
  opts: QueryOptions,
): Promise<KustoTable> {
  if (target.url === "") throw new KustoError("config", "cluster URL is not configured");
  const token = await kustoToken(target.url, opts.tokenConfig, opts.fetch, opts.now);
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    accept: "application/json",
    "x-ms-app": "ace-data-worker",
    "x-ms-client-request-id": `ace-worker;${crypto.randomUUID()}`,
    "x-ms-version": "2024-12-12",
  };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const body = JSON.stringify({
    db: target.database,
    csl,
    properties: { Options: { servertimeout: serverTimeout(opts.timeoutMs) }, Parameters: parameters },
  });
  let res: Response;
  try {
    res = await opts.fetch(`${target.url.replace(/\/$/, "")}/v2/rest/query`, {
      method: "POST",
      headers,
      body,
      signal: opts.signal,
    });
  } catch {
    throw opts.signal.aborted
      ? new KustoError("timeout", "deadline exceeded")
      : new KustoError("network", "fetch failed");
  }
  if (res.status === 429) throw new KustoError("throttled", "429 throttled", 429);
  if (res.status === 401 || res.status === 403) throw new KustoError("auth", `${res.status}`, res.status);
  if (!res.ok) throw new KustoError("http", `status ${res.status}`, res.status);
  let text: string;
  try {
    text = await res.text();
  } catch {
    throw opts.signal.aborted ? new KustoError("timeout", "deadline exceeded") : new KustoError("network", "body cut");
  }
  return parseV2(text);
}
