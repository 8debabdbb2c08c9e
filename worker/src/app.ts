/**
 * The worker as a Hono app: the middleware once (middleware.ts, context.ts), then every endpoint as one line of the
 * route table (docs/worker.md, Endpoints). `createApp(deps)` takes the clock, fetch, cache, log and waitUntil, so
 * tests inject their own (`handle`); index.ts builds the app once with `defaultDeps`.
 */
import { type Context, Hono } from "hono";
import { assetText, PRIVATE_PREFIX } from "./assets.ts";
import { callback, login, logout } from "./auth/oauth.ts";
import { syncBadgeResponse } from "./badge.ts";
import { cached, type Outcome } from "./cache.ts";
import { type AppEnv, context, type Deps, defaultDeps } from "./context.ts";
import { dataResponse, json, problem } from "./http.ts";
import { liveMetric } from "./live.ts";
import { isMetricName, METRIC_NAMES } from "./metrics.ts";
import { cors, dataEtag, errorsAreErrors, methods, personal, requireToken, security } from "./middleware.ts";
import { meExams, mePage, sessionAuth, staffAuth, staffExams } from "./profile-routes.ts";
import { currentSyncStatus } from "./sync-status.ts";

export { type Deps, defaultDeps };

class NoData extends Error {}

async function syncStatus(c: Context<AppEnv>, deps: Deps): Promise<Response> {
  const { config, env } = c.var.ctx;
  const report = await currentSyncStatus(env.ASSETS, config, { fetch: deps.fetch, cache: deps.cache(), now: deps.now });
  const outcome: Outcome = {
    body: JSON.stringify(report),
    source: "csv-fallback",
    cache: "MISS",
    storedAt: deps.now(),
    stale: false,
  };
  return dataResponse(outcome, { personal: false, now: deps.now() });
}

/** A live headline metric, cached 5 minutes, else the committed one; the name is percent-decoded by Hono. */
async function metric(c: Context<AppEnv>, deps: Deps): Promise<Response> {
  const { ctx } = c.var;
  const name = (c.req.param("name") ?? "").toLowerCase();
  if (!isMetricName(name)) return problem(404, "unknown metric");
  const outcome = await cached(
    `metrics/${name}`,
    ctx.cacheDeps,
    async () => JSON.stringify({ ...(await liveMetric(name, ctx.live)), as_of: ctx.config.dataNow.toISOString() }),
    async () => {
      const text = await assetText(ctx.env.ASSETS, `/metrics/${name}.json`);
      if (text === undefined) throw new NoData();
      return text;
    },
    (e: unknown) => deps.log(`live metric ${name} failed, falling back: ${e instanceof Error ? e.message : "error"}`),
  ).catch((e: unknown) => (e instanceof NoData ? undefined : Promise.reject(e)));
  if (outcome === undefined) return problem(503, "no live or committed data for this metric");
  return dataResponse(outcome, { personal: false, now: deps.now() });
}

/** Public static files: aggregated JSON, fallback metrics, sync_status.json (never raw CSVs, never the index). */
async function staticAsset(c: Context<AppEnv>): Promise<Response> {
  const asset = await c.env.ASSETS.fetch(c.req.raw);
  return new Response(asset.body, { status: asset.status, headers: asset.headers }); // mutable headers
}

/** A path and the same path with one trailing slash (the table is strict about slashes otherwise). */
const slash = (path: string): string[] => [path, `${path}/`];

export function createApp(deps: Deps = defaultDeps): Hono<AppEnv> {
  // routes match the raw path: a percent-encoded "/api" or "/_private" is not the prefix it spells
  const app = new Hono<AppEnv>({ getPath: (req) => new URL(req.url).pathname });

  app.use(security, errorsAreErrors, context(deps), cors, methods(app));
  for (const path of ["/api/metrics/*", "/api/users/*", "/api/me/exams"]) app.use(path, dataEtag);

  app.get("/api/health", () => json(200, { status: "ok", metrics: METRIC_NAMES }));
  app.get("/api/metrics/sync-status", (c) => syncStatus(c, deps));
  app.get("/api/badge/sync.json", (c) =>
    syncBadgeResponse(c.env, c.var.ctx.config, { fetch: deps.fetch, now: deps.now, cache: deps.cache() }),
  );
  app.on("GET", slash("/api/metrics/:name"), (c) => metric(c, deps));
  // staff: Cloudflare Access (the shared API token only in the demo); an empty login is refused 400 after auth
  app.on("GET", slash("/api/users/:login{[^/]*}/exams"), staffAuth, (c) =>
    staffExams(c.var.ctx, c.var.reader, c.req.param("login") ?? ""),
  );
  // the personal routes (sign-in, the learner's profile; docs/worker.md, Profiles): never CORS
  app.get("/auth/login", personal, (c) => login(c.var.ctx));
  app.get("/auth/callback", personal, (c) => callback(c.var.ctx));
  app.get("/auth/logout", personal, () => problem(405, "sign out with POST /auth/logout"));
  app.post("/auth/logout", personal, (c) => logout(c.var.ctx));
  app.get("/me", personal, sessionAuth(true), (c) => mePage(c.var.ctx, c.var.session.login));
  app.get("/api/me/exams", personal, sessionAuth(false), (c) => meExams(c.var.ctx, c.var.session.login));
  // the per-person index is never served as a file: 401 without the token, 404 with it
  app.get(`${PRIVATE_PREFIX}:rest{.*}`, requireToken, (c) => c.notFound());
  app.get("/api/:rest{.*}", (c) => c.notFound());
  app.get("*", staticAsset);

  app.notFound(() => problem(404, "not found"));
  // the last resort says nothing of the cause; the log gets the error's name only
  app.onError((e) => {
    deps.log(`internal error: ${e.name}`);
    return problem(500, "internal error");
  });
  return app;
}

/** One request through a fresh app with these deps (the tests' entry; index.ts keeps one app). */
export async function handle(req: Request, env: Env, deps: Deps = defaultDeps): Promise<Response> {
  return createApp(deps).fetch(req, env);
}
