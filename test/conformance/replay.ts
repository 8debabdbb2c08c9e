/**
 * A small replay server for conformance cases: serves recorded request → response pairs on 127.0.0.1, port 0.
 *
 * - A request matches an exchange by method, pathname and query parameters (order-insensitive, exact set) and, when
 *   the exchange lists `headers`, by those request headers (lower-case names, exact values).
 * - Several exchanges for the same request are answered in order; the last one keeps answering.
 * - `{{origin}}` in a response body or header value is replaced by the server's origin (`http://127.0.0.1:PORT`), so
 *   absolute `Link` and download URLs point back here.
 * - A request that matches nothing answers 501 with a JSON message and is listed in `unmatched()`, so a case fails
 *   loudly instead of hanging on a client retry.
 * - `body` may be a string (sent as is) or a JSON value (serialized, `content-type: application/json` unless set).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReplayRequest {
  readonly method: string;
  /** pathname with optional query string */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ReplayResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface Exchange {
  readonly request: ReplayRequest;
  readonly response: ReplayResponse;
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** index of the exchange that answered, or -1 */
  readonly exchange: number;
}

export interface ReplayServer {
  readonly origin: string;
  /** every request received, in order */
  seen(): readonly SeenRequest[];
  /** requests no exchange matched */
  unmatched(): readonly SeenRequest[];
  close(): Promise<void>;
}

function sameQuery(want: URLSearchParams, got: URLSearchParams): boolean {
  const norm = (p: URLSearchParams) =>
    [...p.entries()]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join("&");
  return norm(want) === norm(got);
}

function matches(ex: ReplayRequest, method: string, url: URL, headers: IncomingMessage["headers"]): boolean {
  const want = new URL(ex.path, "http://replay.invalid");
  if (ex.method.toUpperCase() !== method || want.pathname !== url.pathname) return false;
  if (!sameQuery(want.searchParams, url.searchParams)) return false;
  return Object.entries(ex.headers ?? {}).every(([k, v]) => headers[k.toLowerCase()] === v);
}

const fill = (text: string, origin: string): string => text.replaceAll("{{origin}}", origin);

function send(res: ServerResponse, r: ReplayResponse, origin: string): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = fill(v, origin);
  let body = "";
  if (typeof r.body === "string") body = fill(r.body, origin);
  else if (r.body !== undefined) {
    body = fill(JSON.stringify(r.body), origin);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  res.writeHead(r.status, headers);
  res.end(r.status === 204 || r.status === 304 ? undefined : body);
}

/** Starts a replay server for `exchanges` on 127.0.0.1 (port 0). */
export async function startReplay(exchanges: readonly Exchange[]): Promise<ReplayServer> {
  const seen: SeenRequest[] = [];
  const used = new Map<number, number>();
  let origin = "";
  const server = createServer((req, res) => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", origin);
    const candidates = exchanges.flatMap((e, i) => (matches(e.request, method, url, req.headers) ? [i] : []));
    // the first candidate not yet used answers; once all were used, the last keeps answering
    const index = candidates.find((i) => !used.has(i)) ?? candidates.at(-1) ?? -1;
    seen.push({ method, path: `${url.pathname}${url.search}`, headers: req.headers, exchange: index });
    req.resume();
    const ex = exchanges[index];
    if (ex === undefined) {
      send(
        res,
        { status: 501, body: { message: `replay: no exchange for ${method} ${url.pathname}${url.search}` } },
        origin,
      );
      return;
    }
    used.set(index, (used.get(index) ?? 0) + 1);
    send(res, ex.response, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen: () => seen,
    unmatched: () => seen.filter((s) => s.exchange === -1),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
