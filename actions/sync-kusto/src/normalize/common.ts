/**
 * What every normalizer receives, and the helpers they share. A normalizer is pure: it reads the upstream records that
 * extraction hands it (`Upstream`, fed by ../feed.ts) and yields dataset rows; it issues no query and knows no window.
 * Cell readers, vocabularies and exam records are the shared ones of core/ (the worker's live answer uses them too).
 */
import type { Row } from "#core/format.ts";
import type { KustoRecord } from "#core/kusto-cells.ts";
import { pseudonym } from "#core/pseudonym.ts";
import type { ExtractName } from "../extracts.ts";

export type { KustoRecord as UpstreamRecord } from "#core/kusto-cells.ts";

/** The upstream records of the extracts a dataset reads, as extraction produces them (window by window). */
export interface Upstream {
  /** the extract's records, one batch per window, in window order (key order inside) */
  batches(name: ExtractName): AsyncIterable<readonly KustoRecord[]>;
  /** each window of `driver` (sized by its rows) with the records the `others` hold for the very same window */
  aligned(
    driver: ExtractName,
    others: readonly ExtractName[],
  ): AsyncIterable<ReadonlyMap<ExtractName, readonly KustoRecord[]>>;
}

/** The pseudonymous user_id of an upstream person key (e-mail). */
export type Uid = (email: string) => string;

/**
 * What a normalizer yields: rows, or batches of rows (arrays) — a batch costs the layers between it and the writer one
 * await instead of one per row.
 */
export type Rows = AsyncIterable<Row | readonly Row[]>;

export type Normalizer = (upstream: Upstream, uid: Uid) => Rows;

/** The rows of a normalizer's output one by one (tests, the conformance checks). */
export async function* eachRow<R extends Row>(rows: AsyncIterable<R | readonly R[]>): AsyncGenerator<R> {
  for await (const r of rows) {
    if (Array.isArray(r)) yield* r as readonly R[];
    else yield r as R;
  }
}

/** Rows handed on in batches of this many (per-person tables emitted at the end of a normalizer). */
export const BATCH_ROWS = 4096;

/**
 * The extract's records mapped one to one, in batches of at most BATCH_ROWS rows (an await per batch, not per row; a
 * window's rows are not all built before the writer takes the first).
 */
export async function* mappedBatches<T>(
  upstream: Upstream,
  name: ExtractName,
  f: (r: KustoRecord) => T,
): AsyncGenerator<readonly T[]> {
  for await (const b of upstream.batches(name)) {
    for (let at = 0; at < b.length; at += BATCH_ROWS) {
      const end = Math.min(b.length, at + BATCH_ROWS);
      const out = new Array<T>(end - at);
      for (let i = at; i < end; i++) out[i - at] = f(b[i] as KustoRecord);
      yield out;
    }
  }
}

/** The extract's records as one stream. */
export async function* records(upstream: Upstream, name: ExtractName): AsyncGenerator<KustoRecord> {
  for await (const b of upstream.batches(name)) yield* b;
}

/**
 * A flat copy of a string, for values kept long (map keys, per-person tables): a concatenation or a slice would keep
 * its parts or a larger parent string alive (a pseudonym is a 16-character slice of a 64-character digest).
 */
export function flat(s: string): string {
  return /[\u0100-\uffff]/.test(s) ? s : Buffer.from(s, "latin1").toString("latin1");
}

/**
 * Entries the pseudonym cache holds (~130 bytes each; once full it keeps them and adds none). With 50,000 the rows of
 * a scale-M window (200,000 people, in key order) missed three times in four and the HMACs (2.3 µs each) cost ~2 s per
 * dataset; 120,000 saves that for +20 MB of peak RSS (certified_users at M: 476 → 498 MB; 250,000: 511 MB).
 */
export const PSEUDONYM_CACHE = 120_000;

/**
 * Cached pseudonyms (the same person appears in many rows; in runs of rows where a query orders by Email, so the last
 * person is checked before the cache).
 */
export function pseudonymizer(key: string): Uid {
  const cache = new Map<string, string>();
  let lastEmail = "";
  let lastId = "";
  return (email) => {
    if (email === lastEmail && lastId !== "") return lastId;
    let id = cache.get(email);
    if (id === undefined) {
      id = pseudonym(key, email); // a flat 16-character string already
      // full: keep who is in it. Starting again would miss nearly every row of a window read in e-mail order (a scan
      // of more people than the cache holds), and keeping the first 120,000 of 177,000 people (scale M) hits ~2 in 3
      if (cache.size < PSEUDONYM_CACHE) cache.set(email, id);
    }
    lastEmail = email;
    lastId = id;
    return id;
  };
}
