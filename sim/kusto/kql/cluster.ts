/** The aggregate database as a simulated cluster: its schema for the analyzer and `.show` commands, its query handler. */
import type { Analyzer } from "../analyzer.ts";
import { createAnalyzer } from "../analyzer.ts";
import type { Limits } from "../query.ts";
import type { QueryHandler } from "../server.ts";
import { KUSTO_TYPES, type UpstreamCluster } from "../upstream-schema.ts";
import { AGGREGATE_CLUSTER, type LazyAggregateDatabase } from "./aggregate-db.ts";
import { runAggregateQuery } from "./run.ts";
import type { Table } from "./tables.ts";

/** The aggregate database in the upstream schema's shape (key and time column are the first column: unused). */
export function aggregateCluster(db: Pick<LazyAggregateDatabase, "database" | "tables">): UpstreamCluster {
  return {
    name: AGGREGATE_CLUSTER,
    host: "127.0.0.1",
    database: db.database,
    tables: db.tables.map((t) => {
      const first = t.columns[0]?.name ?? "";
      return {
        name: t.name,
        timeColumn: first,
        key: [first],
        personColumns: {},
        columns: t.columns.map((c) => ({ name: c.name, type: KUSTO_TYPES.find((k) => k === c.type) ?? "string" })),
      };
    }),
  };
}

export function aggregateQueryHandler(
  db: LazyAggregateDatabase,
  cluster: UpstreamCluster,
  limits: Limits,
): {
  analyzer: Analyzer;
  query: QueryHandler;
} {
  const analyzer = createAnalyzer(cluster.database, cluster.tables);
  const first = cluster.tables[0];
  if (first !== undefined) analyzer(`${first.name} | take 1`);
  // the data is read on the first query that passes the analyzer (db.load() is single-flight)
  const data = async (): Promise<ReadonlyMap<string, Table>> =>
    new Map([...(await db.load()).tables].map(([name, t]) => [name, t.table]));
  return {
    analyzer,
    query: (res, q, err, headers, gzip) =>
      runAggregateQuery(res, q, { analyzer, db: data, limits }, err, headers, gzip),
  };
}
