/**
 * Reads one extract window by window: each window is one query (retried on transient errors, halved when the service
 * truncates it), and its records are handed on before the next window is fetched, so memory holds one partition.
 * Window sizes adapt to a budget of cells (rows × columns) per response: the configured months are the maximum.
 */
import type { RawQuery } from "./client.ts";
import { incrementalQueryFile, type KustoConfig } from "./config.ts";
import { TooLargeError } from "./errors.ts";
import { EXTRACT_COLUMNS, type ExtractName } from "./extracts.ts";
import { primaryRecords, type UpstreamRecord } from "./frames.ts";
import type { Retrier } from "./retry.ts";
import { addMonths, kqlDatetime, nextMonths, splitWindow, type Window } from "./windows.ts";

export interface ExtractStats {
  requests: number;
  partitions: number;
  splits: number;
  rows: number;
  bytes: number;
}

export interface ExtractEnv {
  readonly config: KustoConfig;
  readonly query: (cluster: "cse" | "gh") => RawQuery;
  readonly readQuery: (file: string) => string;
  readonly retrier: Retrier;
  readonly now: Date;
  readonly stats: ExtractStats;
  readonly log: (message: string) => void;
}

export interface Batch {
  readonly window: Window;
  readonly records: readonly UpstreamRecord[];
}

/** Cells (rows × columns) per response that the window sizing aims at, unless sources.json says otherwise. */
export const DEFAULT_MAX_CELLS = 250_000;

/** Which query of an extract: the full one (window on the table's time column) or the incremental one (ingestion). */
export type QueryKind = "full" | "incremental";

async function fetchWindow(
  env: ExtractEnv,
  name: ExtractName,
  w: Window,
  kind: QueryKind = "full",
): Promise<UpstreamRecord[]> {
  const e = env.config.extracts[name];
  if (!e) throw new Error(`sources.json has no extract ${name}`);
  const csl = env.readQuery(kind === "full" ? e.query : incrementalQueryFile(e.query));
  const cluster = env.config.clusters[e.cluster];
  const on = kind === "full" ? "" : "ingested ";
  const what = `${cluster.name}/${cluster.database} ${e.table} ${on}[${w.start.toISOString()}, ${w.end.toISOString()})`;
  const run = env.query(e.cluster);
  try {
    return await env.retrier.run(
      what,
      async () => {
        env.stats.requests++;
        const body = await run(csl, { window_start: kqlDatetime(w.start), window_end: kqlDatetime(w.end) });
        return primaryRecords(body, EXTRACT_COLUMNS[name], what);
      },
      env.log,
    );
  } catch (err) {
    if (!(err instanceof TooLargeError)) throw err;
    const halves = splitWindow(w);
    if (!halves) throw err;
    env.stats.splits++;
    env.log(`${what}: too large, splitting in two`);
    const first = await fetchWindow(env, name, halves[0], kind);
    const second = await fetchWindow(env, name, halves[1], kind);
    return first.concat(second);
  }
}

/** Fetches one window of an extract (counted as a partition). */
export async function fetchBatch(
  env: ExtractEnv,
  name: ExtractName,
  window: Window,
  kind: QueryKind = "full",
): Promise<Batch> {
  const records = await fetchWindow(env, name, window, kind);
  env.stats.partitions++;
  env.stats.rows += records.length;
  return { window, records };
}

/**
 * The extract's records, one batch per window (in window order, key order inside): [before, start), then windows of
 * at most the configured months from start until one ends after now, sized by `nextMonths` (windows.ts). The next
 * window is requested before this one is handed on (its size depends only on this one's row count), so the response
 * travels and inflates while the caller normalizes and writes this one: at most two windows are held at once.
 */
export async function* extractBatches(env: ExtractEnv, name: ExtractName): AsyncGenerator<Batch> {
  const e = env.config.extracts[name];
  if (!e) throw new Error(`sources.json has no extract ${name}`);
  const p = env.config.partitions;
  const budget = p.maxCells ?? DEFAULT_MAX_CELLS;
  const columns = EXTRACT_COLUMNS[name].length;
  let months = e.months;
  let window: Window = { start: new Date(p.before), end: new Date(p.start) };
  let first = true;
  let pending: Promise<Batch> | undefined = fetchBatch(env, name, window);
  try {
    while (pending !== undefined) {
      const batch: Batch = await pending;
      pending = undefined;
      if (batch.window.end.getTime() <= env.now.getTime()) {
        if (!first) months = nextMonths(months, e.months, batch.records.length * columns, budget);
        first = false;
        window = { start: batch.window.end, end: addMonths(batch.window.end, months) };
        pending = fetchBatch(env, name, window);
        // a failure surfaces when the caller asks for that window; until then it is not an unhandled rejection
        pending.catch(() => undefined);
      }
      yield batch;
    }
  } finally {
    // the caller stopped early (or failed): let the request in flight finish before the extract is left
    if (pending !== undefined) await pending.catch(() => undefined);
  }
}
