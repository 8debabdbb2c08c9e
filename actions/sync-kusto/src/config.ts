/** The Kusto sources configuration (`actions/sync-kusto/sources.json`), with the environment overrides applied. */
import { readFileSync } from "node:fs";
import { z } from "zod";

const clusterSchema = z.object({
  name: z.string(),
  url: z.string().url(),
  database: z.string(),
  urlEnv: z.string(),
  databaseEnv: z.string(),
});

const configSchema = z.object({
  $comment: z.string().optional(),
  clusters: z.object({ cse: clusterSchema, gh: clusterSchema }),
  partitions: z.object({
    before: z.string().datetime(),
    start: z.string().datetime(),
    /** cells (rows × columns) per response the window sizing aims at (extract.ts) */
    maxCells: z.number().int().positive().optional(),
  }),
  /** incremental extraction (docs/sync.md): watermark overlap and the age of the last full reconciliation */
  incremental: z
    .object({ overlapMinutes: z.number().int().nonnegative(), fullEveryDays: z.number().int().positive() })
    .default({ overlapMinutes: 60, fullEveryDays: 7 }),
  request: z.object({
    serverTimeoutMs: z.number().int().positive(),
    maxAttempts: z.number().int().positive(),
    baseDelayMs: z.number().int().nonnegative(),
    maxDelayMs: z.number().int().nonnegative(),
    budgetMs: z.number().int().nonnegative(),
  }),
  extracts: z.record(
    z.string(),
    z.object({
      cluster: z.enum(["cse", "gh"]),
      table: z.string(),
      query: z.string(),
      months: z.number().int().positive(),
    }),
  ),
});

export type KustoConfig = z.infer<typeof configSchema>;
export type ClusterKey = keyof KustoConfig["clusters"];
export type ClusterConfig = z.infer<typeof clusterSchema>;

export const CONFIG_FILE = new URL("../sources.json", import.meta.url);

/**
 * Reads sources.json and applies KUSTO_CSE_URL / KUSTO_CSE_DATABASE / KUSTO_GH_URL / KUSTO_GH_DATABASE, and
 * KUSTO_PARTITION_MONTHS (one maximum window size for every extract: tests use large windows to issue few queries).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, file: URL = CONFIG_FILE): KustoConfig {
  const cfg = configSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  const apply = (c: ClusterConfig): ClusterConfig => ({
    ...c,
    url: env[c.urlEnv] || c.url,
    database: env[c.databaseEnv] || c.database,
  });
  const months = env.KUSTO_PARTITION_MONTHS ? Number(env.KUSTO_PARTITION_MONTHS) : undefined;
  if (months !== undefined && !(Number.isInteger(months) && months > 0)) {
    throw new Error(`KUSTO_PARTITION_MONTHS="${env.KUSTO_PARTITION_MONTHS}" is not a positive integer`);
  }
  const extracts = Object.fromEntries(
    Object.entries(cfg.extracts).map(([k, e]) => [k, months === undefined ? e : { ...e, months }]),
  );
  return { ...cfg, extracts, clusters: { cse: apply(cfg.clusters.cse), gh: apply(cfg.clusters.gh) } };
}

/** The incremental twin of an extract's query file: `queries/x.kql` → `queries/incremental/x.kql`. */
export function incrementalQueryFile(query: string): string {
  const slash = query.lastIndexOf("/");
  return `${query.slice(0, slash + 1)}incremental/${query.slice(slash + 1)}`;
}

/** Reads an extract's .kql text (paths in sources.json are relative to actions/sync-kusto/). */
export function readQuery(relative: string): string {
  return readFileSync(new URL(`../${relative}`, import.meta.url), "utf8");
}
