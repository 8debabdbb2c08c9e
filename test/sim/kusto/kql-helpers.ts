/** The KQL tests' helpers: queries against the simulator's aggregate database through the real azure-kusto-data client. */
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { createFixtureUpstream } from "../../harness/sim-kusto/fixture.ts";
import { clientFor, httpError, props, rejection, useKustoSim } from "../../harness/sim-kusto/helpers.ts";

export type Row = Record<string, unknown>;

/** One simulator per test file whose aggregate database holds the committed data/ (scale S). */
export function useAggregateSim(limits?: { maxRecords?: number; maxBytes?: number }) {
  const fx = useKustoSim(() => ({
    world: { kusto: createFixtureUpstream() },
    aggregateDataDir: DEFAULT_DATA_DIR,
    ...(limits === undefined ? {} : { limits }),
  }));
  const cluster = () => {
    const agg = fx.sim.clusters.agg;
    if (agg === undefined) throw new Error("the aggregate database did not start");
    return agg;
  };
  /** rows of the primary result as objects, and the column schema */
  const query = async (
    csl: string,
    params: Readonly<Record<string, string>> = {},
  ): Promise<{ rows: Row[]; columns: string[]; raw: unknown[][] }> => {
    const { url, database } = cluster();
    const r = await clientFor(url).execute(database, csl, props(params));
    const table = r.primaryResults[0];
    if (table === undefined) throw new Error("no primary result");
    return {
      rows: [...table.rows()].map((row) => row.toJSON() as Row),
      columns: table.columns.map((c) => `${c.name}:${c.type}`),
      raw: (table as unknown as { _rows: unknown[][] })._rows,
    };
  };
  /** the HTTP status and the error message of a query the simulator refuses */
  const refusal = async (csl: string, params: Readonly<Record<string, string>> = {}) => {
    const { url, database } = cluster();
    const e = await rejection(clientFor(url).execute(database, csl, props(params)));
    const { status, data } = httpError(e);
    const message = (data as { error?: { "@message"?: string } } | undefined)?.error?.["@message"] ?? e.message;
    return { status, message };
  };
  return { fx, cluster, query, refusal };
}
