/**
 * The Kusto engine: runs `actions/aggregate/kql/<name>.kql` against the aggregate database (KUSTO_AGG_URL /
 * KUSTO_AGG_DATABASE, a database holding the committed datasets as tables) through azure-kusto-data, with the as-of as
 * a query parameter, and turns each response into the rows the DuckDB engine gives (./kql.ts). Nothing is loaded: the
 * datasets are ingested into that database outside this action (see docs/kusto-engine.md).
 */
import { ClientRequestProperties } from "azure-kusto-data";
import { decodeRecords } from "#core/kusto-cells.ts";
import { kustoClient } from "#core/kusto-client.ts";
import { readPrimaryResult } from "#core/kusto-frames.ts";
import { finishRows, KQL_RESULTS, kqlText } from "./kql.ts";
import type { AnyQuery, Engine } from "./types.ts";

export interface KustoTarget {
  readonly url: string;
  readonly database: string;
}

/** Server-side timeout of one aggregate query (the client waits 30 s longer). */
const SERVER_TIMEOUT_MS = 10 * 60_000;

/** The aggregate database named by the environment, or an error saying which variables to set. */
export function kustoTargetFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): KustoTarget {
  const url = env.KUSTO_AGG_URL?.trim() ?? "";
  const database = env.KUSTO_AGG_DATABASE?.trim() ?? "";
  const missing = [url === "" ? "KUSTO_AGG_URL" : "", database === "" ? "KUSTO_AGG_DATABASE" : ""].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(
      `the Kusto engine (--engine kusto) needs ${missing.join(" and ")}: set KUSTO_AGG_URL to the cluster URL (e.g. ` +
        "https://<cluster>.<region>.kusto.windows.net) and KUSTO_AGG_DATABASE to the database holding the datasets " +
        "(ace_data); `npm run sim` prints both for the simulator",
    );
  }
  try {
    new URL(url);
  } catch {
    throw new Error(`KUSTO_AGG_URL="${url}" is not a URL (e.g. https://<cluster>.<region>.kusto.windows.net)`);
  }
  return { url, database };
}

interface ClientError {
  readonly message?: string;
  readonly response?: { readonly status?: number; readonly data?: unknown };
}

/** The service's own message of a failed request (a OneApi error body), else the client's. */
function describe(err: unknown): string {
  const e = (err ?? {}) as ClientError;
  const data = e.response?.data as { error?: { "@message"?: unknown; message?: unknown } } | undefined;
  const service = data?.error?.["@message"] ?? data?.error?.message;
  const status = e.response?.status === undefined ? "" : `HTTP ${e.response.status}: `;
  return `${status}${typeof service === "string" ? service : (e.message ?? String(err))}`;
}

export function openKustoEngine(target: KustoTarget): Engine {
  const client = kustoClient(target.url);
  const where = `${target.url.replace(/\/+$/, "")}/${target.database}`;
  return {
    name: "kusto",
    async load() {
      // the aggregate database already holds the datasets
    },
    async rows(name: AnyQuery, asOf: string) {
      const props = new ClientRequestProperties();
      props.raw = true;
      props.setTimeout(SERVER_TIMEOUT_MS);
      props.setParameter("as_of", `datetime(${asOf})`);
      let body: unknown;
      try {
        body = await client.execute(target.database, kqlText(name), props);
      } catch (err) {
        throw new Error(`kql/${name}.kql on ${where}: ${describe(err)}`);
      }
      const table = readPrimaryResult(body);
      const got = table.columns.map((c) => `${c.name}:${c.type ?? c.wireType}`).join(", ");
      const want = KQL_RESULTS[name].columns.map(([n, t]) => `${n}:${t}`).join(", ");
      if (got !== want) throw new Error(`kql/${name}.kql on ${where}: result columns (${got}), expected (${want})`);
      return finishRows(name, decodeRecords(table));
    },
    close: () => client.close(),
  };
}
