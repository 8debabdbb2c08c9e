/**
 * The bench item "aggregate-kusto": bench/aggregate-kusto.ts at the bench's scale (issue 20 item 4). Its DuckDB anchor
 * is the aggregate item's runs of the same bench run when that item ran (`duckdbRuns`: their timings and files), else
 * one DuckDB run of its own.
 */
import { benchJson } from "./external.ts";
import { type BenchContext, type BenchItem, compared, figure, round } from "./lib.ts";

interface AggregateKusto {
  readonly duckdb_s: number;
  readonly duckdb_runs_s: readonly number[];
  readonly duckdb_reused: boolean;
  readonly duckdb_load_s: number;
  readonly duckdb_queries_s: number;
  readonly duckdb_peak_rss_mb: number;
  readonly kusto_s: number;
  readonly kusto_queries_s: number;
  readonly kusto_peak_rss_mb: number;
  readonly sim_load_s: number;
  readonly sim_peak_rss_mb: number;
  readonly equal: boolean;
}

export async function aggregateKustoItem(_ctx: BenchContext, dataDir: string, duckdbRuns?: string): Promise<BenchItem> {
  const t0 = performance.now();
  const r = await benchJson<AggregateKusto>(
    "bench/aggregate-kusto.ts",
    ["--data-dir", dataDir, ...(duckdbRuns === undefined ? [] : ["--duckdb-runs", duckdbRuns])],
    "aggregate-kusto",
  );
  const item = compared(
    {
      id: "aggregate-kusto",
      title: "Aggregate --engine kusto vs --engine duckdb",
      measure: figure("npm run aggregate -- --engine kusto (simulated aggregate database)", "s", [r.kusto_s]),
      anchor: figure(
        r.duckdb_reused
          ? "npm run aggregate -- --engine duckdb (CSVs; the aggregate item's runs, this bench run)"
          : "npm run aggregate -- --engine duckdb (CSVs)",
        "s",
        r.duckdb_runs_s,
      ),
      target: "outputs byte-identical",
      extra: {
        equal: r.equal,
        duckdb_reused: r.duckdb_reused,
        duckdb_load_s: round(r.duckdb_load_s),
        duckdb_queries_s: round(r.duckdb_queries_s),
        duckdb_peak_rss_mb: r.duckdb_peak_rss_mb,
        kusto_queries_s: round(r.kusto_queries_s),
        kusto_peak_rss_mb: r.kusto_peak_rss_mb,
        sim_load_s: round(r.sim_load_s),
        sim_peak_rss_mb: r.sim_peak_rss_mb,
      },
    },
    t0,
  );
  return r.equal ? item : { ...item, status: "failed", note: "the engines' aggregated files differ" };
}
