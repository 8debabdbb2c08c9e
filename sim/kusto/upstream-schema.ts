/** Loads data/schema/upstream/kusto.json: the upstream tables the two simulated clusters hold (declared once). */
import { readFileSync } from "node:fs";
import { z } from "zod";

export const KUSTO_TYPES = [
  "string",
  "datetime",
  "int",
  "long",
  "real",
  "bool",
  "decimal",
  "guid",
  "dynamic",
  "timespan",
] as const;
export type KustoType = (typeof KUSTO_TYPES)[number];

const columnSchema = z.object({ name: z.string(), type: z.enum(KUSTO_TYPES) }).passthrough();
const tableSchema = z
  .object({
    name: z.string(),
    timeColumn: z.string(),
    key: z.array(z.string()).min(1),
    personColumns: z.object({ user_key: z.string().optional(), login: z.string().optional() }).default({}),
    columns: z.array(columnSchema).min(1),
  })
  .passthrough();
const clusterSchema = z
  .object({ name: z.string(), host: z.string(), database: z.string(), tables: z.array(tableSchema) })
  .passthrough();
export const upstreamSchema = z.object({ clusters: z.array(clusterSchema) }).passthrough();

export type UpstreamColumn = z.infer<typeof columnSchema>;
export type UpstreamTable = z.infer<typeof tableSchema>;
export type UpstreamCluster = z.infer<typeof clusterSchema>;
export type Upstream = z.infer<typeof upstreamSchema>;

export const UPSTREAM_SCHEMA_FILE = new URL("../../data/schema/upstream/kusto.json", import.meta.url);

export function loadUpstream(file: URL | string = UPSTREAM_SCHEMA_FILE): Upstream {
  const parsed = upstreamSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  for (const cluster of parsed.clusters) {
    for (const table of cluster.tables) {
      const names = new Set(table.columns.map((c) => c.name));
      const referenced = [table.timeColumn, ...table.key, ...Object.values(table.personColumns)];
      for (const name of referenced) {
        if (name !== undefined && !names.has(name)) {
          throw new Error(`${file}: ${cluster.name}/${table.name} references unknown column ${name}`);
        }
      }
    }
  }
  return parsed;
}

/** The simulator's two clusters, keyed the way `start()` reports them. */
export const CLUSTER_KEYS = { cse: "cse-analytics", gh: "gh-analytics" } as const;
export type ClusterKey = keyof typeof CLUSTER_KEYS;

export function clusterByName(upstream: Upstream, name: string): UpstreamCluster {
  const found = upstream.clusters.find((c) => c.name === name);
  if (found === undefined) throw new Error(`upstream schema has no cluster ${name}`);
  return found;
}
