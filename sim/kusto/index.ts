/**
 * The loopback Kusto simulator: two clusters (cse-analytics/ACE and gh-analytics/ace), one HTTP listener each,
 * serving the world's upstream tables to the real azure-kusto-data client. See docs/kusto-simulator.md.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createFaultInjector, type FaultInjector, type FaultPlan, type FaultPlanInput } from "../faults/plan.ts";
import type { KustoUpstream } from "../world/types.ts";
import { createAnalyzer } from "./analyzer.ts";
import { cachedUpstream, DEFAULT_CACHE_MAX_PEOPLE } from "./cache.ts";
import { type AggregateDatabase, lazyAggregateDatabase } from "./kql/aggregate-db.ts";
import { aggregateCluster, aggregateQueryHandler } from "./kql/cluster.ts";
import { DEFAULT_LIMITS, type Limits } from "./query.ts";
import { createClusterHandler, type RequestLog } from "./server.ts";
import { CLUSTER_KEYS, type ClusterKey, clusterByName, loadUpstream, type Upstream } from "./upstream-schema.ts";

export type { Limits } from "./query.ts";
export { DEFAULT_LIMITS } from "./query.ts";
export type { RequestLog } from "./server.ts";

export interface KustoSimOptions {
  /** the world (or anything with its `kusto` view) */
  readonly world: { readonly kusto: KustoUpstream; readonly people?: number };
  /** worlds up to this many people answer window queries from a per-table row cache (default 50,000; 0 = never) */
  readonly cacheMaxPeople?: number;
  /** a fault plan (validated), or an injector shared with another simulator */
  readonly faults?: FaultPlanInput | FaultPlan | FaultInjector;
  /** when set, queries and commands require `Authorization: Bearer <token>` (401 without, 403 with another) */
  readonly auth?: { readonly token: string };
  /** port of the cse cluster; the gh cluster listens on port + 1 (0 = pick free ports, the default) */
  readonly port?: number;
  readonly limits?: Partial<Limits>;
  /** the upstream schema (default: data/schema/upstream/kusto.json) */
  readonly upstream?: Upstream;
  /**
   * a data directory whose datasets become the aggregate database `ace_data` (one table per dataset, queried with
   * the KQL subset of docs/kusto-engine.md); unset = no aggregate database. The directory must exist at start; its
   * CSVs are read on the first query to `ace_data` (or `loadAggregate()`), not at start
   */
  readonly aggregateDataDir?: string;
}

export interface SimCluster {
  /** cluster URL for KustoConnectionStringBuilder, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly database: string;
  /** the cluster's name in the upstream schema (cse-analytics / gh-analytics) */
  readonly name: string;
}

export interface KustoSim {
  /** `agg` is the aggregate database, present when `aggregateDataDir` was given */
  readonly clusters: { readonly cse: SimCluster; readonly gh: SimCluster; readonly agg?: SimCluster };
  /** every request served, in arrival order of completion */
  readonly requests: RequestLog[];
  readonly faults: FaultInjector;
  /**
   * present with the aggregate database: loads its data now (once; what the first query to `ace_data` would do)
   * and gives its row count and load time — a bench measures the load apart from the queries with it
   */
  readonly loadAggregate?: () => Promise<AggregateDatabase>;
  close(): Promise<void>;
}

/** The environment a sync or worker needs to reach these clusters (names from shared/conventions.md). */
export function kustoEnv(sim: Pick<KustoSim, "clusters">): {
  KUSTO_CSE_URL: string;
  KUSTO_CSE_DATABASE: string;
  KUSTO_GH_URL: string;
  KUSTO_GH_DATABASE: string;
  KUSTO_AGG_URL?: string;
  KUSTO_AGG_DATABASE?: string;
} {
  const agg = sim.clusters.agg;
  return {
    KUSTO_CSE_URL: sim.clusters.cse.url,
    KUSTO_CSE_DATABASE: sim.clusters.cse.database,
    KUSTO_GH_URL: sim.clusters.gh.url,
    KUSTO_GH_DATABASE: sim.clusters.gh.database,
    ...(agg === undefined ? {} : { KUSTO_AGG_URL: agg.url, KUSTO_AGG_DATABASE: agg.database }),
  };
}

function isInjector(f: KustoSimOptions["faults"]): f is FaultInjector {
  return typeof f === "object" && f !== null && "next" in f && typeof f.next === "function";
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

export async function start(options: KustoSimOptions): Promise<KustoSim> {
  const upstream = options.upstream ?? loadUpstream();
  const faults = isInjector(options.faults) ? options.faults : createFaultInjector(options.faults);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const requests: RequestLog[] = [];
  const rows = cachedUpstream(
    options.world.kusto,
    upstream,
    options.world.people,
    options.cacheMaxPeople ?? DEFAULT_CACHE_MAX_PEOPLE,
  );
  const servers: Server[] = [];
  const entries: [ClusterKey, SimCluster][] = [];
  const keys: ClusterKey[] = ["cse", "gh"];
  let agg: SimCluster | undefined;
  let loadAggregate: (() => Promise<AggregateDatabase>) | undefined;
  try {
    for (const [i, key] of keys.entries()) {
      const cluster = clusterByName(upstream, CLUSTER_KEYS[key]);
      const analyzer = createAnalyzer(cluster.database, cluster.tables);
      // warm the analyzer (its first analysis costs seconds) so the first request is not slow
      const first = cluster.tables[0];
      if (first !== undefined) analyzer(`${first.name} | take 1`);
      const handler = createClusterHandler({
        key,
        cluster,
        analyzer,
        upstream: rows,
        faults,
        limits,
        log: requests,
        auth: options.auth,
      });
      const server = createServer({ keepAliveTimeout: 5_000 }, handler);
      servers.push(server);
      const port = await listen(server, options.port === undefined || options.port === 0 ? 0 : options.port + i);
      entries.push([key, { url: `http://127.0.0.1:${port}`, database: cluster.database, name: cluster.name }]);
    }
    if (options.aggregateDataDir !== undefined) {
      const db = lazyAggregateDatabase(options.aggregateDataDir);
      loadAggregate = () => db.load();
      const cluster = aggregateCluster(db);
      const { analyzer, query } = aggregateQueryHandler(db, cluster, limits);
      const handler = createClusterHandler({
        key: "agg",
        cluster,
        analyzer,
        query,
        upstream: rows,
        // the aggregate database serves no injected faults (the fault plan addresses the upstream clusters)
        faults: createFaultInjector(),
        limits,
        log: requests,
        auth: options.auth,
      });
      const server = createServer({ keepAliveTimeout: 5_000 }, handler);
      servers.push(server);
      const port = await listen(server, options.port === undefined || options.port === 0 ? 0 : options.port + 2);
      agg = { url: `http://127.0.0.1:${port}`, database: cluster.database, name: cluster.name };
    }
  } catch (e) {
    for (const s of servers) s.close();
    throw e;
  }
  const byKey = new Map(entries);
  const cse = byKey.get("cse");
  const gh = byKey.get("gh");
  if (cse === undefined || gh === undefined) throw new Error("cluster listeners missing");
  return {
    clusters: { cse, gh, ...(agg === undefined ? {} : { agg }) },
    requests,
    faults,
    ...(loadAggregate === undefined ? {} : { loadAggregate }),
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
