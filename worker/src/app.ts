/** The router: every endpoint, with the clock, fetch and cache injectable for tests. */
import { assetText, PRIVATE_PREFIX } from "./assets.ts";
import { readIdentity } from "./auth/config.ts";
import { callback, login, logout } from "./auth/oauth.ts";
import { authorized, configuredToken } from "./auth.ts";
import { syncBadgeResponse } from "./badge.ts";
import { cached, type Outcome } from "./cache.ts";
import { readConfig, type WorkerConfig } from "./config.ts";
import { corsHeaders, dataResponse, json, preflight, problem, withSecurityHeaders } from "./http.ts";
import type { Fetch } from "./kusto/token.ts";
import { type LiveDeps, liveMetric } from "./live.ts";
import { isMetricName, METRIC_NAMES } from "./metrics.ts";
import type { Ctx } from "./profile.ts";
import { meExams, mePage, staffExams } from "./profile-routes.ts";
import { currentSyncStatus } from "./sync-status.ts";

export interface Deps {
  readonly now: () => number;
  readonly fetch: Fetch;
  readonly cache: () => Cache;
  /** logs one line per live failure; never receives secrets (KustoError messages carry none) */
  readonly log: (line: string) => void;
  readonly waitUntil?: (p: Promise<unknown>) => void;
}

export const defaultDeps: Deps = {
  now: () => Date.now(),
  fetch: (input, init) => fetch(input, init),
  cache: () => caches.default,
  log: (line) => console.warn(line),
};

class NoData extends Error {}

/** The personal routes (sign-in, the learner's profile): exact paths → handler (docs/worker.md, Profiles). */
const PERSONAL_ROUTES: Readonly<Record<string, (ctx: Ctx) => Promise<Response>>> = {
  "/auth/login": login,
  "/auth/callback": callback,
  "/auth/logout": logout,
  "/me": mePage,
  "/api/me/exams": meExams,
};

async function syncStatus(req: Request, env: Env, config: WorkerConfig, deps: Deps, cors: Record<string, string>) {
  const report = await currentSyncStatus(env.ASSETS, config, { fetch: deps.fetch, cache: deps.cache(), now: deps.now });
  const outcome: Outcome = {
    body: JSON.stringify(report),
    source: "csv-fallback",
    cache: "MISS",
    storedAt: deps.now(),
    stale: false,
  };
  return dataResponse(req, outcome, { personal: false, now: deps.now(), cors });
}

/** Percent-decoding that never throws (a malformed escape becomes an invalid name → 400/404). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "\u0000";
  }
}

function onLiveError(deps: Deps, what: string) {
  return (e: unknown) => deps.log(`live ${what} failed, falling back: ${e instanceof Error ? e.message : "error"}`);
}

/** The router, with a last-resort 500 that says nothing about the cause (details go to the log only). */
export async function handle(req: Request, env: Env, deps: Deps = defaultDeps): Promise<Response> {
  try {
    return withSecurityHeaders(await route(req, env, deps));
  } catch (e) {
    deps.log(`internal error: ${e instanceof Error ? e.name : "unknown"}`);
    return withSecurityHeaders(problem(req, 500, "internal error", {}));
  }
}

async function route(req: Request, env: Env, deps: Deps): Promise<Response> {
  const arrivedAt = Date.now();
  const config = readConfig(env, deps.now);
  const cors = corsHeaders(req, config.corsOrigin);
  if (req.method === "OPTIONS") return preflight(req, config.corsOrigin);
  const path = new URL(req.url).pathname;
  const postable = req.method === "POST" && path === "/auth/logout";
  if (req.method !== "GET" && req.method !== "HEAD" && !postable) return problem(req, 405, "method not allowed", cors);
  const live: LiveDeps = { config, fetch: deps.fetch, now: deps.now, deadlineAt: arrivedAt + config.timeoutMs };
  const cacheDeps = {
    cache: deps.cache(),
    now: deps.now,
    maxWaitMs: config.timeoutMs + 2000,
    ...(deps.waitUntil === undefined ? {} : { waitUntil: deps.waitUntil }),
  };

  const ctx: Ctx = { req, env, config, identity: readIdentity(env), live, cacheDeps, cors, ...deps };
  const personal = PERSONAL_ROUTES[path];
  if (personal !== undefined) return personal(ctx);

  if (path === "/api/health") return json(req, 200, { status: "ok", metrics: METRIC_NAMES }, cors);
  if (path === "/api/metrics/sync-status") return syncStatus(req, env, config, deps, cors);
  if (path === "/api/badge/sync.json")
    return syncBadgeResponse(req, env, config, { ...deps, cache: deps.cache() }, cors);

  const metric = /^\/api\/metrics\/([^/]+)\/?$/.exec(path);
  if (metric !== null) {
    const name = safeDecode(metric[1] ?? "").toLowerCase();
    if (!isMetricName(name)) return problem(req, 404, "unknown metric", cors);
    const outcome = await cached(
      `metrics/${name}`,
      cacheDeps,
      async () => JSON.stringify({ ...(await liveMetric(name, live)), as_of: config.dataNow.toISOString() }),
      async () => {
        const text = await assetText(env.ASSETS, `/metrics/${name}.json`);
        if (text === undefined) throw new NoData();
        return text;
      },
      onLiveError(deps, `metric ${name}`),
    ).catch((e: unknown) => (e instanceof NoData ? undefined : Promise.reject(e)));
    if (outcome === undefined) return problem(req, 503, "no live or committed data for this metric", cors);
    return dataResponse(req, outcome, { personal: false, now: deps.now(), cors });
  }

  // staff: Cloudflare Access (the shared API token only in the demo); profile-routes.ts
  const user = /^\/api\/users\/([^/]*)\/exams\/?$/.exec(path);
  if (user !== null) return staffExams(ctx, safeDecode(user[1] ?? ""));
  if (path.startsWith(PRIVATE_PREFIX)) {
    if (!(await authorized(req, configuredToken(env)))) {
      return new Response(JSON.stringify({ error: "unauthorized", status: 401 }), {
        status: 401,
        headers: { "content-type": "application/json", "www-authenticate": 'Bearer realm="ace"', ...cors },
      });
    }
    return problem(req, 404, "not found", cors);
  }

  if (path.startsWith("/api/")) return problem(req, 404, "not found", cors);
  // public static files: aggregated JSON, fallback metrics, sync_status.json (never raw CSVs, never the index)
  const asset = await env.ASSETS.fetch(req);
  const headers = new Headers(asset.headers);
  for (const [k, v] of Object.entries(cors)) headers.set(k, v);
  return new Response(asset.body, { status: asset.status, headers });
}
