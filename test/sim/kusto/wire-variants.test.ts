/**
 * The wire variants of issue 14 as the real azure-kusto-data client sees them: a query cancelled midway, column types
 * sent as SDK-known aliases, and an HTTP error with a text/plain body (docs/kusto-simulator.md, "Wire variants").
 */
import { describe, expect, it } from "vitest";
import type { FaultPlanInput } from "../../../sim/faults/plan.ts";
import type { KustoSim } from "../../../sim/kusto/index.ts";
import {
  ALL_TIME,
  clientFor,
  httpError,
  props,
  rejection,
  USERS_QUERY,
  withFixtureSim,
} from "../../harness/sim-kusto/helpers.ts";

const rawBody = async (sim: KustoSim): Promise<unknown[]> => {
  const p = props(ALL_TIME, (x) => {
    x.raw = true;
  });
  return (await clientFor(sim.clusters.gh.url).execute("ace", USERS_QUERY, p)) as unknown as unknown[];
};

const frame = (body: unknown[], type: string): Record<string, unknown> => {
  const f = body.find(
    (x) =>
      typeof x === "object" &&
      x !== null &&
      ((x as Record<string, unknown>).FrameType === type || (x as Record<string, unknown>).TableKind === type),
  );
  if (f === undefined) throw new Error(`no ${type} frame`);
  return f as Record<string, unknown>;
};

describe("Kusto wire variants (fault plan)", () => {
  it("cancelled: some rows, then DataSetCompletion Cancelled true and HasErrors false; the node client does not throw", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "cancelled", afterRows: 2 }] }, async (sim) => {
      const body = await rawBody(sim);
      expect(frame(body, "DataSetCompletion")).toEqual({
        FrameType: "DataSetCompletion",
        HasErrors: false,
        Cancelled: true,
      });
      expect(frame(body, "PrimaryResult").Rows).toHaveLength(2);
      const r = await clientFor(sim.clusters.gh.url).execute("ace", USERS_QUERY, props(ALL_TIME));
      expect((r.primaryResults[0] as unknown as { _rows: unknown[] })._rows).toHaveLength(2);
      expect(sim.requests.filter((q) => q.route === "kusto:query").map((q) => q.fault)).toEqual([
        "cancelled",
        "cancelled",
      ]);
    });
  });

  it("type-alias: every column type as its alias by default, or the plan's own map", async () => {
    const types = async (faults: FaultPlanInput): Promise<string[]> =>
      withFixtureSim(faults, async (sim) =>
        (frame(await rawBody(sim), "PrimaryResult").Columns as { ColumnType: string }[]).map((c) => c.ColumnType),
      );
    expect(await types({ faults: [{ route: "kusto:query", kind: "type-alias" }] })).toEqual([
      "string",
      "string",
      "date",
      "string",
    ]);
    expect(
      await types({ faults: [{ route: "kusto:query", kind: "type-alias", aliases: { string: "String" } }] }),
    ).toEqual(["String", "String", "datetime", "String"]);
  });

  it("text-error: the status with a text/plain body, Retry-After on 429", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "text-error", nth: [1] }] }, async (sim) => {
      const e = httpError(await rejection(rawBody(sim)));
      expect(e.status).toBe(503);
      expect(String(e.headers["content-type"])).toMatch(/^text\/plain/);
      expect(e.data).toMatch(/^Service Unavailable/);
      expect(frame(await rawBody(sim), "DataSetCompletion").HasErrors).toBe(false);
    });
    await withFixtureSim(
      { faults: [{ route: "kusto:query", kind: "text-error", status: 429, retryAfter: 4, message: "slow down" }] },
      async (sim) => {
        const e = httpError(await rejection(rawBody(sim)));
        expect([e.status, e.headers["retry-after"], e.data]).toEqual([429, "4", "slow down"]);
      },
    );
  });
});
