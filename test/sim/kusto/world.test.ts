import { describe, expect, it } from "vitest";
import { fiscalYearRange } from "#core/fiscal.ts";
import { encoderFor, formatDatetime } from "../../../sim/kusto/encode.ts";
import { CLUSTER_KEYS, loadUpstream, type UpstreamTable } from "../../../sim/kusto/upstream-schema.ts";
import { createWorld } from "../../../sim/world/index.ts";
import type { KustoRow } from "../../../sim/world/types.ts";
import { clientFor, props, useKustoSim } from "../../harness/sim-kusto/helpers.ts";

const world = createWorld({ scale: "S" });
const upstream = loadUpstream();
/** window partitions: the sync's fiscal-year partitions FY22 … FY27 (the world's whole timeline) */
const WINDOWS = ["FY22", "FY23", "FY24", "FY25", "FY26", "FY27"].map((fy) => fiscalYearRange(fy));

function query(table: UpstreamTable): string {
  return [
    "declare query_parameters(window_start:datetime, window_end:datetime);",
    table.name,
    `| where ${table.timeColumn} >= window_start and ${table.timeColumn} < window_end`,
    `| project ${table.columns.map((c) => c.name).join(", ")}`,
    `| order by ${table.key.map((k) => `${k} asc`).join(", ")}`,
  ].join("\n");
}

/** The world's rows in window `w`, as they must appear on the wire (filtered here from one pass over the table). */
function expected(table: UpstreamTable, rows: readonly KustoRow[], w: { start: Date; end: Date }): unknown[] {
  const encoders = table.columns.map((c) => encoderFor(c.type));
  const time = table.columns.findIndex((c) => c.name === table.timeColumn);
  return rows
    .filter((row) => {
      const t = row[time];
      return t instanceof Date && t >= w.start && t < w.end;
    })
    .map((row) => JSON.parse(`[${encoders.map((e, i) => e(row[i])).join(",")}]`) as unknown);
}

const fx = useKustoSim(() => ({ world }));

describe("the simulator serves the world (scale S)", () => {
  for (const key of ["cse", "gh"] as const) {
    const cluster = upstream.clusters.find((c) => c.name === CLUSTER_KEYS[key]);
    for (const table of cluster?.tables ?? []) {
      it(`each window partition of ${cluster?.name}/${table.name} returns exactly the world's rows in that window`, async () => {
        const { url, database, name } = fx.sim.clusters[key];
        const client = clientFor(url);
        const all = [...world.kusto.rows(name, table.name)];
        const keys = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
        let total = 0;
        for (const w of WINDOWS) {
          const r = await client.execute(
            database,
            query(table),
            props(
              {
                window_start: `datetime(${formatDatetime(w.start)})`,
                window_end: `datetime(${formatDatetime(w.end)})`,
              },
              (p) => p.setOption("notruncation", true),
            ),
          );
          const got = (r.primaryResults[0] as unknown as { _rows: unknown[] })._rows;
          expect(got).toEqual(expected(table, all, w));
          total += got.length;
          const keyOf = (row: unknown): string => keys.map((k) => String((row as unknown[])[k])).join("\u0000");
          expect(
            got.every((row, i) => i === 0 || keyOf(got[i - 1]) < keyOf(row)),
            "rows in key order",
          ).toBe(true);
        }
        expect(total).toBe(all.length);
        expect(total).toBeGreaterThan(0);
      });
    }
  }
});
