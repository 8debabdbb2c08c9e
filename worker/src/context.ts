/**
 * What every request carries through the Hono app: the injectable dependencies (`Deps`: clock, fetch, cache, log,
 * waitUntil — tests pass their own to `createApp`/`handle`), and the per-request variables the middleware sets
 * (`c.var.ctx` the route context, `c.var.personal` no CORS, `c.var.session` and `c.var.reader` after auth).
 */
import { createMiddleware } from "hono/factory";
import { readIdentity } from "./auth/config.ts";
import type { Session } from "./auth/session.ts";
import { readConfig } from "./config.ts";
import type { Fetch } from "./kusto/token.ts";
import type { Ctx } from "./profile.ts";

export interface Deps {
  readonly now: () => number;
  readonly fetch: Fetch;
  readonly cache: () => Cache;
  /** logs one line per live failure; never receives secrets (KustoError messages carry none) */
  readonly log: (line: string) => void;
  /** keeps a single-flight leader's load alive; the Workers runtime's `ctx.waitUntil` when not given */
  readonly waitUntil?: (p: Promise<unknown>) => void;
}

export const defaultDeps: Deps = {
  now: () => Date.now(),
  fetch: (input, init) => fetch(input, init),
  cache: () => caches.default,
  log: (line) => console.warn(line),
};

/** Who reads a staff answer: the Access `sub` (or the demo token), and the cache tag of that kind of reader. */
export interface Reader {
  readonly who: string;
  readonly tag: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    ctx: Ctx;
    /** set by the personal routes: their answers never carry CORS headers */
    personal: boolean;
    session: Session;
    reader: Reader;
  };
}

/** The runtime's waitUntil, when the request came with an ExecutionContext (tests call the app without one). */
function runtimeWaitUntil(
  executionCtx: () => { waitUntil(p: Promise<unknown>): void },
): ((p: Promise<unknown>) => void) | undefined {
  try {
    const ctx = executionCtx();
    return (p) => ctx.waitUntil(p);
  } catch {
    return undefined; // Hono throws when the app was called without an ExecutionContext
  }
}

/** Middleware: the route context of this request (configuration, identity settings, deadline, cache deps). */
export function context(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const arrivedAt = Date.now();
    const config = readConfig(c.env, deps.now);
    const waitUntil = deps.waitUntil ?? runtimeWaitUntil(() => c.executionCtx);
    c.set("ctx", {
      req: c.req.raw,
      env: c.env,
      config,
      identity: readIdentity(c.env),
      live: { config, fetch: deps.fetch, now: deps.now, deadlineAt: arrivedAt + config.timeoutMs },
      cacheDeps: {
        cache: deps.cache(),
        now: deps.now,
        maxWaitMs: config.timeoutMs + 2000,
        ...(waitUntil === undefined ? {} : { waitUntil }),
      },
      now: deps.now,
      fetch: deps.fetch,
      log: deps.log,
    });
    await next();
  });
}
