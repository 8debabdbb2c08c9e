import { describe, expect, it } from "vitest";
import { fiscalYearRange } from "#core/fiscal.ts";
import { cachedUpstream } from "../../../sim/kusto/cache.ts";
import { loadUpstream } from "../../../sim/kusto/upstream-schema.ts";
import { createWorld } from "../../../sim/world/index.ts";
import type { KustoRow, KustoUpstream, KustoWindow } from "../../../sim/world/types.ts";

const world = createWorld({ people: 300 });
const schema = loadUpstream();

function counting(inner: KustoUpstream): { upstream: KustoUpstream; calls: () => number } {
  let n = 0;
  return {
    upstream: {
      rows: (c: string, t: string, w?: KustoWindow): Iterable<KustoRow> => {
        n++;
        return inner.rows(c, t, w);
      },
    },
    calls: () => n,
  };
}

describe("cachedUpstream", () => {
  it("answers every window of every table exactly like the world, scanning each table once", () => {
    const { upstream, calls } = counting(world.kusto);
    const cached = cachedUpstream(upstream, schema, world.people);
    const windows: KustoWindow[] = [
      {},
      ...["FY22", "FY24", "FY26"].map((fy) => fiscalYearRange(fy)),
      // ingestion_time() windows (the incremental extracts), with and without the hidden ingestion cell
      { ingestedFrom: new Date("2026-09-01T00:00:00Z"), ingestedTo: new Date("2026-09-08T00:00:00Z") },
      { ingestedFrom: new Date("2026-11-01T00:00:00Z"), withIngestionTime: true },
    ];
    let tables = 0;
    for (const c of schema.clusters)
      for (const t of c.tables) {
        tables++;
        for (const w of windows)
          expect([...cached.rows(c.name, t.name, w)]).toEqual([...world.kusto.rows(c.name, t.name, w)]);
      }
    expect(calls()).toBe(tables);
  });

  it("passes person filters and big worlds through to the world", () => {
    const { upstream, calls } = counting(world.kusto);
    const big = cachedUpstream(upstream, schema, world.people, 10);
    expect(big).toBe(upstream);
    const cached = cachedUpstream(upstream, schema, world.people);
    const login = [...world.kusto.rows("gh-analytics", "Users")][0];
    expect(login).toBeDefined();
    [...cached.rows("gh-analytics", "Users", { person: { kind: "login", value: "nobody-here" } })];
    expect(calls()).toBe(1);
  });
});
