/**
 * The Kusto engine's exact median and discrete quantile (engine/quantiles.ts, from per-value counts) equal DuckDB's
 * median() and quantile_disc(x, 0.9) on random multisets, including ties, single values and even counts.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bin, median, quantileDisc } from "../../../actions/aggregate/src/engine/quantiles.ts";

let instance: DuckDBInstance;
let conn: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

function bins(values: readonly number[]): Bin[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}

describe("median / quantile_disc from histograms", () => {
  it("equal DuckDB's on random multisets of whole days", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -30, max: 400 }), { minLength: 1, maxLength: 300 }), async (xs) => {
        const reader = await conn.runAndReadAll(
          `SELECT median(x)::DOUBLE AS m, quantile_disc(x, 0.9)::DOUBLE AS p FROM (SELECT unnest([${xs.join(",")}]::BIGINT[]) AS x)`,
        );
        const [row] = reader.getRowObjectsJS();
        const h = bins(xs);
        expect([median(h), quantileDisc(h, 0.9)]).toEqual([row?.m, row?.p]);
      }),
      { numRuns: 150 },
    );
  });

  it("give null for no values, like SQL over an empty group", () => {
    expect(median([])).toBeNull();
    expect(quantileDisc([{ value: 3, count: 0 }], 0.9)).toBeNull();
  });
});
