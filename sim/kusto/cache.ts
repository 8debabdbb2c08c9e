/**
 * A per-table row cache in front of the world's Kusto view. The world streams every table by scanning every person,
 * which costs ~0.25 s per window query at scale S (~20 s at M); a sync asks ~100 window queries. For worlds up to
 * `maxPeople` people each table is materialized once (lazily, on its first query, in key order) and windows are
 * answered from memory; person-filtered queries go straight to the world (it looks the person up by index), and
 * bigger worlds keep streaming (scale M holds 1,000,000 exam rows: never materialize those).
 */
import { inIngestion } from "../world/kusto.ts";
import type { KustoCell, KustoRow, KustoUpstream, KustoWindow } from "../world/types.ts";
import type { Upstream } from "./upstream-schema.ts";

/** Worlds up to this many people are cached table by table. */
export const DEFAULT_CACHE_MAX_PEOPLE = 50_000;

function inWindow(v: KustoCell | undefined, w: KustoWindow): boolean {
  if (w.start === undefined && w.end === undefined) return true;
  if (!(v instanceof Date)) return false;
  const t = v.getTime();
  return (w.start === undefined || t >= w.start.getTime()) && (w.end === undefined || t < w.end.getTime());
}

/** Cached rows carry their ingestion time as one extra cell at `ingested` (the world's `withIngestionTime`). */
function* filtered(rows: readonly KustoRow[], time: number, ingested: number, w: KustoWindow): Generator<KustoRow> {
  for (const row of rows)
    if (inWindow(row[time], w) && inIngestion(row[ingested], w))
      yield w.withIngestionTime ? row : row.slice(0, ingested);
}

/**
 * Wraps `upstream` with a per-table cache when `people` ≤ `maxPeople` (unknown size: no cache). The cached rows are
 * the ones the world yields for an unbounded window, so every window answer equals the world's own.
 */
export function cachedUpstream(
  upstream: KustoUpstream,
  schema: Upstream,
  people: number | undefined,
  maxPeople = DEFAULT_CACHE_MAX_PEOPLE,
): KustoUpstream {
  if (people === undefined || people > maxPeople) return upstream;
  const tables = new Map<string, readonly KustoRow[]>();
  const timeIndex = new Map<string, number>();
  const width = new Map<string, number>();
  for (const c of schema.clusters)
    for (const t of c.tables) {
      timeIndex.set(
        `${c.name}/${t.name}`,
        t.columns.findIndex((x) => x.name === t.timeColumn),
      );
      width.set(`${c.name}/${t.name}`, t.columns.length);
    }
  return {
    rows(cluster: string, table: string, window: KustoWindow = {}): Iterable<KustoRow> {
      const key = `${cluster}/${table}`;
      const time = timeIndex.get(key);
      if (window.person !== undefined || time === undefined || time < 0) return upstream.rows(cluster, table, window);
      let rows = tables.get(key);
      if (rows === undefined) {
        rows = Array.from(upstream.rows(cluster, table, { withIngestionTime: true }));
        tables.set(key, rows);
      }
      return filtered(rows, time, width.get(key) ?? 0, window);
    },
  };
}
