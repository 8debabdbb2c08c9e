/** The GitHub REST simulator: an API listener and a download listener on 127.0.0.1. */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { createFaultInjector, type Fault, type FaultInjector } from "../faults/plan.ts";
import { reportRoutes } from "./copilot.ts";
import { serveDownload } from "./download.ts";
import {
  badCredentials,
  error,
  notAccessible,
  notFound,
  primaryLimit,
  primaryLimitMessage,
  type Reply,
  requestId,
  requiresAuth,
  secondaryLimit,
  unsupportedApiVersion,
} from "./errors.ts";
import { eventsRoute } from "./events.ts";
import { emptied, faultReply } from "./faults.ts";
import { issueRoutes } from "./issues.ts";
import { oauthSim } from "./oauth.ts";
import { validateResponse } from "./openapi.ts";
import { pullRoutes } from "./pulls.ts";
import { limitHeaders, RateLimiter } from "./ratelimit.ts";
import { forksRoute, orgReposRoute, repoRoute } from "./repos.ts";
import { notModified, readBody, write } from "./respond.ts";
import { type Ctx, compile, matchRoute, type Route } from "./route.ts";
import { searchRoute } from "./search.ts";
import { userId } from "./shapes.ts";
import { createStore } from "./store.ts";
import { DEFAULT_TOKENS, type GitHubSim, type RequestLog, type StartOptions, type TokenKind } from "./types.ts";

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** REST API versions GitHub serves (`X-GitHub-Api-Version`); the selected one is echoed. */
const API_VERSIONS: readonly string[] = ["2022-11-28", "2026-03-10"];

function injector(plan: StartOptions["faults"]): FaultInjector {
  if (plan !== undefined && "next" in plan && typeof plan.next === "function") return plan as FaultInjector;
  return createFaultInjector(plan as Exclude<StartOptions["faults"], FaultInjector>);
}

function tokenOf(req: IncomingMessage): string | undefined {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  return req.headers.authorization === undefined ? undefined : (m?.[1] ?? "");
}

/** Whether the token kind may call the route; the refusal GitHub answers otherwise. */
function access(route: Route, kind: TokenKind): Reply | undefined {
  if (route.access === "any") return undefined;
  if (kind === "anonymous") return requiresAuth();
  if (route.access === "copilot" && kind === "github") return notAccessible(route.docs);
  if (route.access === "write" && kind === "copilot") return notAccessible(route.docs);
  return undefined;
}

export async function start(opts: StartOptions): Promise<GitHubSim> {
  const tokens = opts.tokens ?? DEFAULT_TOKENS;
  const faults = injector(opts.faults);
  const limiter = new RateLimiter(opts.budgets);
  const store = createStore();
  const oauth = oauthSim();
  const requests: RequestLog[] = [];
  const validationErrors: string[] = [];
  const signingKey = opts.signingKey ?? randomBytes(32).toString("hex");
  const usersPerLink = opts.usersPerLink ?? 1000;
  const startedAt = Date.now();
  let api = "";
  let downloadUrl = "";
  const routes = [
    ...reportRoutes({ downloadUrl: () => downloadUrl, signingKey, linkTtlMs: opts.linkTtlMs ?? 300_000, usersPerLink }),
    eventsRoute,
    orgReposRoute,
    forksRoute,
    repoRoute,
    searchRoute,
    ...pullRoutes(store),
    ...issueRoutes(store),
  ].map((r) => ({ ...r, re: compile(r.template) }));

  const baseHeaders = (version?: string | string[]): Record<string, string> => ({
    server: "github.com",
    "x-github-request-id": requestId(),
    "x-github-api-version-selected":
      typeof version === "string" && API_VERSIONS.includes(version) ? version : "2022-11-28",
    "x-github-media-type": "github.v3; format=json",
    "access-control-expose-headers":
      "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset",
  });

  const validate = (route: Route, method: string, reply: Reply, status: number): void => {
    if (opts.validate !== true || route.openapi === null || reply.raw !== undefined || status === 304) return;
    const template = route.openapi ?? route.template;
    for (const e of validateResponse(method, template, status, reply.body))
      validationErrors.push(`${method} ${template} ${status}: ${e}`);
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", api);
    const raw = await readBody(req);
    // the OAuth web flow (github.com) and GET /user for its tokens: oauth.ts
    const signIn = oauth.handle(method, url, raw, req.headers);
    if (signIn !== undefined) {
      const { status } = write(
        req,
        res,
        signIn,
        { server: "github.com", "x-github-request-id": requestId() },
        undefined,
      );
      requests.push({
        listener: "api",
        method,
        path: url.pathname,
        route: signIn.route,
        tokenKind: "none",
        status,
        was304: false,
      });
      return;
    }
    const matched = matchRoute(routes, method, url.pathname);
    const routeName = matched?.route.name ?? "github:unknown";
    const token = tokenOf(req);
    const kind: TokenKind | undefined = token === undefined ? "anonymous" : tokens[token];
    const log = (status: number, was304: boolean, fault?: Fault): void => {
      requests.push({
        listener: "api",
        method,
        path: `${url.pathname}${url.search}`,
        route: routeName,
        tokenKind: kind ?? "invalid",
        status,
        was304,
        ...(fault === undefined ? {} : { fault: fault.kind }),
      });
    };
    const version = req.headers["x-github-api-version"];
    if (typeof version === "string" && !API_VERSIONS.includes(version)) {
      log(write(req, res, unsupportedApiVersion(), baseHeaders(), undefined).status, false);
      return;
    }
    if (kind === undefined) {
      log(write(req, res, badCredentials(), baseHeaders(), undefined).status, false);
      return;
    }
    const identity = token ?? `anon:${req.socket.remoteAddress ?? "127.0.0.1"}`;
    const who = kind === "anonymous" ? (req.socket.remoteAddress ?? "127.0.0.1") : String(userId(identity));
    const resource = matched?.route.resource ?? "core";
    const fault = faults.next(routeName);
    if (fault?.kind === "latency") await delay(fault.ms ?? 1000);
    const headers = baseHeaders(req.headers["x-github-api-version"]);
    const forced =
      fault === undefined ? undefined : faultReply(fault, kind, who, limiter.peek(identity, kind, resource));
    if (forced !== undefined) {
      const status = write(req, res, forced, headers, undefined).status;
      if (matched !== undefined) validate(matched.route, method, forced, status);
      log(status, false, fault);
      return;
    }
    const verdict = limiter.check(identity, kind, resource);
    if (!verdict.ok) {
      const reply =
        verdict.kind === "primary"
          ? primaryLimit(primaryLimitMessage(kind, who))
          : secondaryLimit(403, verdict.retryAfter);
      const status = write(req, res, reply, { ...headers, ...limitHeaders(verdict.state) }, undefined).status;
      if (matched !== undefined) validate(matched.route, method, reply, status);
      log(status, false);
      return;
    }
    let reply: Reply;
    if (matched === undefined) reply = notFound();
    else {
      let body: unknown;
      try {
        body = raw === "" ? undefined : JSON.parse(raw);
      } catch {
        body = Symbol.for("invalid");
      }
      const ctx: Ctx = {
        method,
        params: matched.params,
        query: url.searchParams,
        url,
        body,
        token: kind,
        api,
        world: opts.world,
        now: () => new Date(opts.world.now.getTime() + (Date.now() - startedAt)),
        fault,
      };
      reply =
        typeof body === "symbol"
          ? error(400, "Problems parsing JSON")
          : (access(matched.route, kind) ?? matched.route.handle(ctx));
      if (fault?.kind === "empty") reply = emptied(reply);
    }
    const free = kind !== "anonymous" && notModified(req, reply);
    const state = free ? limiter.peek(identity, kind, resource) : limiter.charge(identity, kind, resource);
    const written = write(req, res, reply, { ...headers, ...limitHeaders(state) }, fault);
    if (matched !== undefined) validate(matched.route, method, reply, written.status);
    log(written.status, written.was304, fault);
  }

  async function handleDownload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", downloadUrl);
    await readBody(req);
    const fault = faults.next("github:download");
    if (fault?.kind === "latency") await delay(fault.ms ?? 1000);
    const forced =
      fault === undefined
        ? undefined
        : faultReply(fault, "anonymous", "", limiter.peek("download", "anonymous", "core"));
    const reply =
      forced ??
      (req.method === "GET" || req.method === "HEAD"
        ? serveDownload(opts.world.github, url, req.headers, signingKey, fault)
        : { status: 405, raw: "" });
    const written = write(
      req,
      res,
      reply,
      { "x-ms-request-id": requestId() },
      forced === undefined ? fault : undefined,
    );
    requests.push({
      listener: "download",
      method: req.method ?? "GET",
      path: url.pathname,
      route: "github:download",
      tokenKind: req.headers.authorization === undefined ? "none" : "invalid",
      status: written.status,
      was304: false,
      ...(fault === undefined ? {} : { fault: fault.kind }),
    });
  }

  const wrap =
    (fn: (req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
    (req: IncomingMessage, res: ServerResponse): void => {
      fn(req, res).catch((e: unknown) => {
        if (!res.headersSent) write(req, res, error(500, `Simulator error: ${String(e)}`), {}, undefined);
        else res.destroy();
      });
    };
  const apiServer = createServer(wrap(handleApi));
  const dlServer = createServer(wrap(handleDownload));
  api = await listen(apiServer, opts.port ?? 0);
  downloadUrl = await listen(dlServer, opts.downloadPort ?? 0);
  const close = (s: Server): Promise<void> =>
    new Promise((resolve) => {
      s.close(() => {
        resolve();
      });
      s.closeAllConnections();
    });
  return {
    url: api,
    downloadUrl,
    requests,
    state: store.state,
    validationErrors,
    tokens,
    close: async () => {
      await Promise.all([close(apiServer), close(dlServer)]);
    },
  };
}
