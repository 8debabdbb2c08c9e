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
  /** how long a follower waits for the leader's load before answering from the fallback */
  readonly maxWaitMs?: number;
  /** ExecutionContext.waitUntil of the request, when there is one */
  readonly waitUntil?: (p: Promise<unknown>) => void;
}

/** How long a last-good copy is kept for outages. */
export const LAST_GOOD_SECONDS = 24 * 3600;
const STORED_AT = "x-ace-stored-at";
const KEY_ORIGIN = "https://cache.ace-data-worker.internal/v1/";

/** Normalized cache key URL: lower-case path segments, no query string, no trailing slash. */
export function cacheKeyUrl(key: string): string {
  const clean = key
    .split("/")
    .filter((s) => s !== "")
    .map((s) => encodeURIComponent(s.toLowerCase()))
    .join("/");
  return `${KEY_ORIGIN}${clean}`;
}

async function readEntry(cache: Cache, url: string): Promise<Entry | undefined> {
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

interface Entry {
  readonly body: string;
  readonly storedAt: number;
}

interface Flight {
  readonly promise: Promise<Outcome>;
  /** real clock (not the injectable one): how long followers may wait for a leader */
  readonly startedAt: number;
}

const inflight = new Map<string, Flight>();
/** Per-isolate copy of recent entries, per Cache object, so HITs skip `cache.match` (bounded, oldest dropped). */
const memory = new WeakMap<Cache, Map<string, Entry>>();
export const MEMORY_ENTRIES = 1000;
/** A load still registered after this long never settled (its request was cancelled): the next request replaces it. */
export const DEAD_FLIGHT_MS = 30_000;

function memoryOf(cache: Cache): Map<string, Entry> {
  let m = memory.get(cache);
  if (m === undefined) {
    m = new Map();
    memory.set(cache, m);
  }
  return m;
}

function remember(cache: Cache, url: string, entry: Entry): void {
  const m = memoryOf(cache);
  m.delete(url);
  m.set(url, entry);
  if (m.size > MEMORY_ENTRIES) {
    const oldest = m.keys().next();
    if (oldest.done !== true) m.delete(oldest.value);
  }
}

/** Number of loads in flight in this isolate (tests and the bench read it). */
export function inflightCount(): number {
  return inflight.size;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects (so an unused early fallback cannot become an unhandled rejection). */
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

async function unwrap<T>(p: Promise<Settled<T>>): Promise<T> {
  const r = await p;
  if (r.ok) return r.value;
  throw r.error;
}

/**
 * A follower waits for the leader's load, but never longer than `ms`: if the leader's request was cancelled (its
 * client went away) the shared promise may never settle, and the follower then answers from the fallback.
 */
function follow(flight: Flight, ms: number, fallback: () => Promise<string>, now: () => number): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<Outcome>((resolve, reject) => {
    timer = setTimeout(() => {
      fallback().then(
        (body) => resolve({ body, source: "csv-fallback", cache: "MISS", storedAt: now(), stale: false }),
        reject,
      );
    }, ms);
  });
  return Promise.race([flight.promise, giveUp]).finally(() => {
    if (timer !== undefined) clearTimeout(timer);
  });
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
  const ttl = deps.ttlMs ?? CACHE_TTL_MS;
  const fresh = (e: Entry): boolean => deps.now() - e.storedAt < ttl && deps.now() >= e.storedAt;
  const remembered = memoryOf(deps.cache).get(url);
  if (remembered !== undefined && fresh(remembered)) {
    return Promise.resolve({ ...remembered, source: "kusto", cache: "HIT", stale: false });
  }
  const maxWait = deps.maxWaitMs ?? 10_000;
  const running = inflight.get(url);
  // a follower waits up to maxWait from its own arrival; a flight older than DEAD_FLIGHT_MS is presumed cancelled
  if (running !== undefined && Date.now() - running.startedAt < DEAD_FLIGHT_MS) {
    return follow(running, maxWait, fallback, deps.now);
  }
  const load = (async (): Promise<Outcome> => {
    const entry = remembered ?? (await readEntry(deps.cache, url).catch(() => undefined));
    if (entry !== undefined && fresh(entry)) {
      remember(deps.cache, url, entry);
      return { ...entry, source: "kusto", cache: "HIT", stale: false };
    }
    // the fallback is read while Kusto is asked, so a timeout answers right at the deadline (no last-good copy)
    const early = entry === undefined ? settle(fallback()) : undefined;
    try {
      const body = await live();
      const storedAt = deps.now();
      remember(deps.cache, url, { body, storedAt });
      // awaited (not waitUntil): the next request must see the entry; it only delays MISSes
      await writeEntry(deps.cache, url, body, storedAt).catch(() => undefined);
      return { body, source: "kusto", cache: "MISS", storedAt, stale: false };
    } catch (e) {
      onLiveError(e);
      if (entry !== undefined) return { ...entry, source: "kusto", cache: "HIT", stale: true };
      const body = early === undefined ? await fallback() : await unwrap(early);
      return { body, source: "csv-fallback", cache: "MISS", storedAt: deps.now(), stale: false };
    }
  })();
  const flight: Flight = { promise: load, startedAt: Date.now() };
  inflight.set(url, flight);
  const done = load.finally(() => {
    if (inflight.get(url) === flight) inflight.delete(url);
  });
  // keep the shared load alive even if the leader's own client disconnects
  deps.waitUntil?.(done.catch(() => undefined));
  return done;
}
