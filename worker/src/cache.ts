/**
 * The 5-minute cache in `caches.default`, with the TTL enforced by the worker against an injectable clock (entries
 * carry their own stored timestamp), a last-good copy served when the live path fails, and single-flight per
 * isolate: concurrent requests for one key share one load. Only live results are stored; fallback answers are not,
 * so the next request after an outage tries Kusto again.
 *
 * The Cache API stores nothing on `*.workers.dev` (a custom domain is needed); there every request is a MISS and
 * single-flight is the only coalescing. Single-flight is per isolate; a Durable Object would coalesce globally.
 */
import { CACHE_TTL_MS } from "./config.ts";

export type DataSource = "kusto" | "csv-fallback";

export interface Outcome {
  readonly body: string;
  readonly source: DataSource;
  readonly cache: "HIT" | "MISS";
  /** when the body was produced (cache clock, ms) */
  readonly storedAt: number;
  /** a last-good copy older than the TTL, served because the live path failed */
  readonly stale: boolean;
}

export interface CacheDeps {
  readonly cache: Cache;
  readonly now: () => number;
  readonly ttlMs?: number;
}

/** How long a last-good copy is kept for outages. */
export const LAST_GOOD_SECONDS = 24 * 3600;
const STORED_AT = "x-ace-stored-at";
const KEY_ORIGIN = "https://cache.ace-data-worker.internal/v1/";

const inflight = new Map<string, Promise<Outcome>>();

/** Number of loads in flight in this isolate (tests and the bench read it). */
export function inflightCount(): number {
  return inflight.size;
}

/** Normalized cache key URL: lower-case path segments, no query string, no trailing slash. */
export function cacheKeyUrl(key: string): string {
  const clean = key
    .split("/")
    .filter((s) => s !== "")
    .map((s) => encodeURIComponent(s.toLowerCase()))
    .join("/");
  return `${KEY_ORIGIN}${clean}`;
}

async function readEntry(cache: Cache, url: string): Promise<{ body: string; storedAt: number } | undefined> {
  const hit = await cache.match(url);
  if (hit === undefined) return undefined;
  const storedAt = Number(hit.headers.get(STORED_AT));
  const body = await hit.text();
  return Number.isFinite(storedAt) ? { body, storedAt } : undefined;
}

function writeEntry(cache: Cache, url: string, body: string, storedAt: number): Promise<void> {
  const res = new Response(body, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": `max-age=${LAST_GOOD_SECONDS}`,
      [STORED_AT]: String(storedAt),
    },
  });
  return cache.put(url, res);
}

/**
 * Fresh cached body (HIT), else one shared load: live → stored (MISS, kusto); live failed → last-good copy (HIT,
 * stale) → fallback (MISS, csv-fallback). A rejecting `fallback` (no data at all) rejects.
 */
export function cached(
  key: string,
  deps: CacheDeps,
  live: () => Promise<string>,
  fallback: () => Promise<string>,
  onLiveError: (e: unknown) => void = () => {},
): Promise<Outcome> {
  const url = cacheKeyUrl(key);
  const running = inflight.get(url);
  if (running !== undefined) return running;
  const ttl = deps.ttlMs ?? CACHE_TTL_MS;
  const load = (async (): Promise<Outcome> => {
    const entry = await readEntry(deps.cache, url).catch(() => undefined);
    if (entry !== undefined && deps.now() - entry.storedAt < ttl && deps.now() >= entry.storedAt) {
      return { body: entry.body, source: "kusto", cache: "HIT", storedAt: entry.storedAt, stale: false };
    }
    try {
      const body = await live();
      const storedAt = deps.now();
      // awaited (not waitUntil): the next request must see the entry; it only delays MISSes
      await writeEntry(deps.cache, url, body, storedAt).catch(() => undefined);
      return { body, source: "kusto", cache: "MISS", storedAt, stale: false };
    } catch (e) {
      onLiveError(e);
      if (entry !== undefined) {
        return { body: entry.body, source: "kusto", cache: "HIT", storedAt: entry.storedAt, stale: true };
      }
      const body = await fallback();
      return { body, source: "csv-fallback", cache: "MISS", storedAt: deps.now(), stale: false };
    }
  })().finally(() => inflight.delete(url));
  inflight.set(url, load);
  return load;
}
