/**
 * A tiny hand-made KustoUpstream for the simulator's own tests: a few rows per upstream table, derived from the
 * upstream schema, filtered like the world filters (window on the time column, person on its person column).
 */

import { loadUpstream, type Upstream, type UpstreamTable } from "../../../sim/kusto/upstream-schema.ts";
import type { KustoCell, KustoRow, KustoUpstream, KustoWindow } from "../../../sim/world/types.ts";

const DAY = 86_400_000;
export const FIXTURE_EPOCH = Date.UTC(2026, 0, 1);

function cell(table: UpstreamTable, column: string, type: string, i: number): KustoCell {
  const person = i % 3;
  if (column === table.personColumns.user_key) return `Person${person}@Example.com`;
  if (column === table.personColumns.login) return `login-${person}`;
  if (column === table.timeColumn) return new Date(FIXTURE_EPOCH + i * DAY);
  switch (type) {
    case "datetime":
      return i === 2 ? null : new Date(FIXTURE_EPOCH + i * DAY + 3_600_000 + 0.5);
    case "int":
    case "long":
      return i * 10;
    case "real":
      return i + 0.25;
    case "bool":
      return i % 2 === 0;
    case "timespan":
      return i * 90_000 + 0.1234;
    case "guid":
      return `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`;
    case "decimal":
      return `${i}.10`;
    case "dynamic":
      return { i, tags: ["a", i] };
    default:
      return i === 1 && !table.key.includes(column) ? null : `${column}-${String(i).padStart(4, "0")}`;
  }
}

export interface FixtureOptions {
  /** rows per table (default 10): row i has time = 2026-01-01 + i days */
  readonly rows?: number;
  readonly upstream?: Upstream;
}

export function createFixtureUpstream(options: FixtureOptions = {}): KustoUpstream {
  const upstream = options.upstream ?? loadUpstream();
  const count = options.rows ?? 10;
  return {
    *rows(clusterName: string, tableName: string, window?: KustoWindow): Iterable<KustoRow> {
      const table = upstream.clusters.find((c) => c.name === clusterName)?.tables.find((t) => t.name === tableName);
      if (table === undefined) throw new Error(`unknown table ${clusterName}/${tableName}`);
      const timeIndex = table.columns.findIndex((c) => c.name === table.timeColumn);
      const personColumn = window?.person === undefined ? undefined : table.personColumns[window.person.kind];
      const personIndex = table.columns.findIndex((c) => c.name === personColumn);
      const rows: KustoRow[] = [];
      for (let i = 0; i < count; i++) {
        const row = table.columns.map((c) => cell(table, c.name, c.type, i));
        const t = row[timeIndex];
        if (!(t instanceof Date)) continue;
        if (window?.start !== undefined && t < window.start) continue;
        if (window?.end !== undefined && t >= window.end) continue;
        if (window?.person !== undefined) {
          const v = row[personIndex];
          const norm = (s: string): string => (window.person?.kind === "user_key" ? s.trim().toLowerCase() : s);
          if (typeof v !== "string" || norm(v) !== norm(window.person.value)) continue;
        }
        rows.push(row);
      }
      const keys = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
      const text = (r: KustoRow): string =>
        keys.map((k) => String(r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k])).join("\u0000");
      rows.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
      yield* rows;
    },
  };
}
