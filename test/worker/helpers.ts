/** Test helpers inside workerd: simulators through the loopback control server, and direct calls of the handler. */
import { env } from "cloudflare:test";
import { inject } from "vitest";
import { defaultDeps, handle } from "../../worker/src/app.ts";

export interface SimHandle {
  readonly id: string;
  readonly cse: { readonly url: string; readonly database: string };
  readonly gh: { readonly url: string; readonly database: string };
}

export interface LoggedRequest {
  readonly route: string;
  readonly csl?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly status: number;
  readonly fault?: string;
}

const control = (): string => `http://127.0.0.1:${inject("controlPort")}`;

export async function startSim(faults?: unknown, limits?: unknown): Promise<SimHandle> {
  const res = await fetch(`${control()}/start`, { method: "POST", body: JSON.stringify({ faults, limits }) });
  return (await res.json()) as SimHandle;
}

export async function simQueries(sim: SimHandle | "main"): Promise<LoggedRequest[]> {
  const res = await fetch(`${control()}/requests/${sim === "main" ? "0" : sim.id}`);
  const log = (await res.json()) as LoggedRequest[];
  return log.filter((r) => r.route === "kusto:query");
}

export async function closeSim(sim: SimHandle): Promise<void> {
  await (await fetch(`${control()}/close/${sim.id}`, { method: "POST" })).text();
}

export function envFor(sim: SimHandle | undefined, overrides: Partial<Env> = {}): Env {
  const base: Env = { ...env };
  if (sim !== undefined) Object.assign(base, { KUSTO_CSE_URL: sim.cse.url, KUSTO_GH_URL: sim.gh.url });
  return Object.assign(base, overrides);
}

let cacheNo = 0;

/** A fresh, empty cache (named) per call, so tests never see each other's entries. */
export function freshCache(): Promise<Cache> {
  cacheNo++;
  return caches.open(`test-${cacheNo}-${crypto.randomUUID()}`);
}

export interface CallOptions {
  readonly env?: Env;
  readonly now?: () => number;
  readonly cache?: Cache;
  readonly headers?: Record<string, string>;
  readonly method?: string;
  readonly log?: string[];
}

/** Calls the worker's handler directly with an injected clock and cache. */
export async function call(path: string, opts: CallOptions = {}): Promise<Response> {
  const cache = opts.cache ?? (await freshCache());
  const req = new Request(`https://worker.test${path}`, { method: opts.method ?? "GET", headers: opts.headers ?? {} });
  return handle(req, opts.env ?? envFor(undefined), {
    ...defaultDeps,
    now: opts.now ?? defaultDeps.now,
    cache: () => cache,
    log: (line) => opts.log?.push(line),
  });
}

export const bearer = (): Record<string, string> => ({ authorization: `Bearer ${inject("apiToken")}` });
