/** One HTTP listener per simulated cluster: routing, bearer auth, request-level faults and the request log. */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Fault, FaultInjector, FaultKind } from "../faults/plan.ts";
import type { KustoUpstream } from "../world/types.ts";
import type { Analyzer } from "./analyzer.ts";
import { createBodyWriter } from "./body.ts";
import { badRequest, type ErrorContext, forbidden, notFoundDatabase, statusError } from "./errors.ts";
import {
  parseQueryRequest,
  parseTimespanMs,
  type QueryRequest,
  RequestTooLarge,
  readBody,
  sendJson,
  sleep,
} from "./http.ts";
import { runMgmt } from "./mgmt.ts";
import { type Limits, type QueryOutcome, runQuery } from "./query.ts";
import type { ClusterKey, UpstreamCluster } from "./upstream-schema.ts";

export interface RequestLog {
  /** cse | gh, or agg for the aggregate database */
  readonly cluster: ClusterKey | "agg";
  readonly method: string;
  readonly path: string;
  /** fault route name: kusto:auth-metadata | kusto:query | kusto:mgmt | kusto:other */
  readonly route: string;
  readonly db?: string;
  readonly csl?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly clientRequestId?: string;
  readonly status: number;
  /** data rows sent (0 for errors and commands) */
  readonly rows: number;
  readonly table?: string;
  readonly truncated?: boolean;
  readonly fault?: FaultKind;
  /** error message sent, if any */
  readonly message?: string;
}

/** Answers POST /v2/rest/query instead of the upstream query contract (the aggregate database's KQL evaluator). */
export type QueryHandler = (
  res: ServerResponse,
  q: QueryRequest,
  err: ErrorContext,
  headers: Readonly<Record<string, string>>,
  acceptGzip: boolean,
) => Promise<QueryOutcome>;

export interface ClusterHandlerOptions {
  readonly key: ClusterKey | "agg";
  readonly query?: QueryHandler;
  readonly cluster: UpstreamCluster;
  readonly analyzer: Analyzer;
  readonly upstream: KustoUpstream;
  readonly faults: FaultInjector;
  readonly limits: Limits;
  readonly log: RequestLog[];
  readonly auth?: { readonly token: string } | undefined;
}

/** What GET /v1/rest/auth/metadata returns on a public-cloud cluster: the client reads `AzureAD`. */
export const AUTH_METADATA = {
  AzureAD: {
    LoginEndpoint: "https://login.microsoftonline.com",
    LoginMfaRequired: false,
    KustoClientAppId: "db662dc1-0cfe-4e1c-a843-19a68e65be58",
    KustoClientRedirectUri: "https://microsoft/kustoclient",
    KustoServiceResourceId: "https://kusto.kusto.windows.net",
    FirstPartyAuthorityUrl: "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a",
  },
  dSTS: {
    CloudEndpointSuffix: "windows.net",
    DstsRealm: "realm://dsts.core.windows.net",
    DstsInstance: "prod-dsts.dsts.core.windows.net",
    ServiceDnsName: "kusto.windows.net",
    ServiceName: "kusto",
  },
};

function routeOf(method: string, path: string): string {
  if (method === "GET" && path === "/v1/rest/auth/metadata") return "kusto:auth-metadata";
  if (method === "POST" && path === "/v2/rest/query") return "kusto:query";
  if (method === "POST" && path === "/v1/rest/mgmt") return "kusto:mgmt";
  return "kusto:other";
}

const NON_JSON_PAGE =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>";

/** The text/plain body of a `text-error` fault without `message`: a status line's reason, as gateways send it. */
function textErrorBody(status: number): string {
  const reasons: Readonly<Record<number, string>> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };
  return `${reasons[status] ?? "Error"}: the request could not be served (simulated text/plain error, HTTP ${status})`;
}

/** Faults that decide the whole response before the request is processed; true when the response was sent. */
async function preResponseFault(
  res: ServerResponse,
  fault: Fault | undefined,
  err: ErrorContext,
  headers: Readonly<Record<string, string>>,
  serverTimeoutMs: number | undefined,
): Promise<{ status: number; message?: string } | undefined> {
  if (fault === undefined) return undefined;
  if (fault.kind === "latency") {
    const ms = fault.ms ?? 100;
    if (serverTimeoutMs !== undefined && serverTimeoutMs < ms) {
      await sleep(serverTimeoutMs);
      const body = statusError(err, 504);
      if (!res.destroyed) sendJson(res, 504, body, headers);
      return { status: 504, message: body.error["@message"] };
    }
    await sleep(ms);
    return undefined;
  }
  if (fault.kind === "status") {
    const status = fault.status ?? 500;
    const body = statusError(err, status, fault.message);
    const extra: Record<string, string> = status === 429 ? { "Retry-After": String(fault.retryAfter ?? 1) } : {};
    sendJson(res, status, body, { ...headers, ...extra });
    return { status, message: body.error["@message"] };
  }
  if (fault.kind === "text-error") {
    // a gateway or front end answering an error in text/plain instead of a OneApi JSON object (the official SDKs keep
    // such a body as text: azure-kusto-python's _handle_http_error `response_text`); the exact text is assumed
    const status = fault.status ?? 503;
    const text = fault.message ?? textErrorBody(status);
    const extra: Record<string, string> = status === 429 ? { "Retry-After": String(fault.retryAfter ?? 1) } : {};
    res.writeHead(status, {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(text)),
      ...headers,
      ...extra,
    });
    res.end(text);
    return { status, message: text };
  }
  if (fault.kind === "non-json") {
    const status = fault.status ?? 200;
    res.writeHead(status, { "Content-Type": "text/html", ...headers });
    res.end(fault.message ?? NON_JSON_PAGE);
    return { status };
  }
  return undefined;
}

export function createClusterHandler(o: ClusterHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const route = routeOf(method, path);
    const crid = req.headers["x-ms-client-request-id"];
    const clientRequestId = typeof crid === "string" && crid !== "" ? crid : `unspecified;${randomUUID()}`;
    const err: ErrorContext = { clientRequestId, activityId: randomUUID() };
    const headers = { "x-ms-client-request-id": clientRequestId, "x-ms-activity-id": err.activityId };
    const drawn = o.faults.next(route);
    const clusterOfFault = drawn?.["cluster"];
    const fault = clusterOfFault === undefined || clusterOfFault === o.key ? drawn : undefined;
    const base = {
      cluster: o.key,
      method,
      path,
      route,
      clientRequestId,
      ...(fault === undefined ? {} : { fault: fault.kind }),
    };
    const log = (entry: Partial<RequestLog> & { status: number }): void => {
      o.log.push({ ...base, rows: 0, ...entry });
    };

    if (route === "kusto:other") {
      const body = badRequest(err, `${method} ${path} is not served by the Kusto simulator`);
      sendJson(res, 404, body, headers);
      return log({ status: 404 });
    }
    if (route !== "kusto:auth-metadata" && o.auth !== undefined) {
      const authz = req.headers.authorization ?? "";
      if (!/^Bearer\s+\S/i.test(authz)) {
        res.writeHead(401, {
          ...headers,
          "WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common"',
          "Content-Length": "0",
        });
        res.end();
        return log({ status: 401 });
      }
      if (authz.replace(/^Bearer\s+/i, "") !== o.auth.token) {
        sendJson(res, 403, forbidden(err, o.cluster.database), headers);
        return log({ status: 403 });
      }
    }
    const text = method === "POST" ? await readBody(req) : "";
    const parsed = method === "POST" ? parseQueryRequest(text) : undefined;
    const q = typeof parsed === "object" ? parsed : undefined;
    const request = q === undefined ? {} : { db: q.db, csl: q.csl, parameters: q.parameters };
    const early = await preResponseFault(res, fault, err, headers, parseTimespanMs(q?.options["servertimeout"]));
    if (early !== undefined) return log({ ...request, ...early });

    if (route === "kusto:auth-metadata") {
      if (fault?.kind === "reset" || fault?.kind === "truncate") {
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", ...headers });
        const out = createBodyWriter(res, {
          gzip: false,
          cut: { mode: fault.kind, afterBytes: fault.afterBytes ?? 40 },
        });
        await out.write(JSON.stringify(AUTH_METADATA));
        await out.end();
        return log({ status: 200 });
      }
      sendJson(res, 200, AUTH_METADATA, { ...headers, "Cache-Control": "public, max-age=86400" });
      return log({ status: 200 });
    }
    if (q === undefined) {
      const body = badRequest(err, typeof parsed === "string" ? parsed : "empty request");
      sendJson(res, 400, body, headers);
      return log({ status: 400, message: body.error["@message"] });
    }
    if (q.db !== o.cluster.database) {
      const body = notFoundDatabase(err, q.db);
      sendJson(res, 400, body, headers);
      return log({ ...request, status: 400, message: body.error["@message"] });
    }
    if (route === "kusto:mgmt") {
      const result = runMgmt(q.csl, o.cluster, o.cluster.database);
      if (!result.ok) {
        const body = badRequest(err, result.message, q.db);
        sendJson(res, 400, body, headers);
        return log({ ...request, status: 400, message: body.error["@message"] });
      }
      const cut =
        fault?.kind === "reset" || fault?.kind === "truncate"
          ? { mode: fault.kind, afterBytes: fault.afterBytes ?? 64 }
          : undefined;
      const gzip = (req.headers["accept-encoding"] ?? "").includes("gzip");
      res.writeHead(200, {
        "Content-Type": "application/json; charset=utf-8",
        ...headers,
        ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      });
      const out = createBodyWriter(res, { gzip, cut });
      await out.write(JSON.stringify(result.body));
      await out.end();
      return log({ ...request, status: 200 });
    }
    const gzip = (req.headers["accept-encoding"] ?? "").includes("gzip");
    const outcome =
      o.query === undefined
        ? await runQuery(res, q, o, err, headers, gzip, fault)
        : await o.query(res, q, err, headers, gzip);
    return log({ ...request, ...outcome });
  };
  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      const status = e instanceof RequestTooLarge ? 413 : 500;
      if (!res.headersSent)
        sendJson(res, status, statusError({ clientRequestId: "", activityId: randomUUID() }, status, message));
      else res.destroy();
    });
  };
}
