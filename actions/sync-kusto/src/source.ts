/**
 * The Kusto source of the sync core: the five Kusto datasets, each extracted window by window and fed to its pure
 * normalizer (feed.ts).
 */
import { pseudonymKeyFromEnv } from "#core/pseudonym.ts";
import type { DatasetRun, Source, SyncContext } from "../../sync-core/src/source.ts";
import { connect, type RawQuery } from "./client.ts";
import { type ClusterKey, type KustoConfig, loadConfig, readQuery } from "./config.ts";
import type { ExtractEnv, ExtractStats } from "./extract.ts";
import { pseudonymizer, type Uid } from "./normalize/common.ts";
import { isKustoDataset, KUSTO_DATASETS, NORMALIZERS } from "./normalize/index.ts";
import { type IngestedCache, planRun } from "./plan-run.ts";
import { DEFAULT_RETRY, Retrier, type RetryPolicy } from "./retry.ts";
import { fingerprint, KUSTO_STATE_PATH, nextState, type Plan, planDataset } from "./watermark.ts";

export { KUSTO_DATASETS } from "./normalize/index.ts";

export interface KustoSourceOptions {
  /** overrides of the retry policy (tests: tiny budgets, a fake clock and sleep) */
  readonly retry?: Partial<RetryPolicy>;
  /** the raw query transport per cluster (default: azure-kusto-data) */
  readonly connect?: typeof connect;
  /** the configuration (default: sources.json with the environment overrides) */
  readonly config?: KustoConfig;
  /** reads a query file named in the configuration (tests inject broken queries) */
  readonly readQuery?: (file: string) => string;
  /** a full reconciliation of every dataset (`npm run sync -- --full`; also KUSTO_FULL=true in the environment) */
  readonly full?: boolean;
}

export function kustoSource(opts: KustoSourceOptions = {}): Source {
  const clients = new Map<ClusterKey, RawQuery>();
  // rows ingested since a watermark, per extract and window: fetched once per run, shared by the datasets reading them
  const ingested: IngestedCache = new Map();
  // pseudonyms per key, shared by the datasets of the run (the same people appear in all five)
  const uids = new Map<string, Uid>();
  let shared: { config: KustoConfig; retrier: Retrier } | undefined;
  const init = (ctx: SyncContext) => {
    if (!shared) {
      const config = opts.config ?? loadConfig(ctx.env);
      const r = config.request;
      const policy: RetryPolicy = {
        ...DEFAULT_RETRY,
        maxAttempts: r.maxAttempts,
        baseDelayMs: r.baseDelayMs,
        maxDelayMs: r.maxDelayMs,
        budgetMs: r.budgetMs,
        ...opts.retry,
      };
      shared = { config, retrier: new Retrier(policy) };
    }
    return shared;
  };
  return {
    name: "kusto",
    datasets: KUSTO_DATASETS,
    async dataset(name: string, ctx: SyncContext): Promise<DatasetRun> {
      if (!isKustoDataset(name)) throw new Error(`no Kusto normalizer for ${name}`);
      const normalizer = NORMALIZERS[name];
      const { config, retrier } = init(ctx);
      const pseudonymKey = pseudonymKeyFromEnv(ctx.env);
      let uid = uids.get(pseudonymKey);
      if (uid === undefined) {
        uid = pseudonymizer(pseudonymKey);
        uids.set(pseudonymKey, uid);
      }
      const stats: ExtractStats = { requests: 0, partitions: 0, splits: 0, rows: 0, bytes: 0 };
      const started = performance.now();
      const attemptsBefore = retrier.attempts;
      const retriesBefore = retrier.retries;
      const env = {
        config,
        retrier,
        now: ctx.now,
        stats,
        readQuery: opts.readQuery ?? readQuery,
        pseudonymKey,
        uid,
        log: (m: string) => ctx.log.info(m),
        query: (key: ClusterKey) => {
          let c = clients.get(key);
          if (!c) {
            const cluster = config.clusters[key];
            c = (opts.connect ?? connect)({
              url: cluster.url,
              database: cluster.database,
              serverTimeoutMs: config.request.serverTimeoutMs,
            });
            clients.set(key, c);
          }
          return c;
        },
      } satisfies ExtractEnv & { pseudonymKey: string; uid: Uid };
      const clustersRead = [...new Set(normalizer.reads.map((e) => config.extracts[e]?.cluster ?? "gh"))].sort();
      const readQ = opts.readQuery ?? readQuery;
      const fp = fingerprint(name, normalizer.reads, config, readQ, pseudonymKey);
      // --full, KUSTO_FULL=true, or the action's `full` input (the runner passes inputs as INPUT_<NAME>)
      const full = opts.full === true || /^(1|true|yes)$/i.test(ctx.env.KUSTO_FULL ?? ctx.env.INPUT_FULL ?? "");
      const plan: Plan = await planDataset({
        dataDir: ctx.dataDir,
        dataset: name,
        now: ctx.now,
        fingerprint: fp,
        config,
        full,
      });
      const run = await planRun({
        env,
        dataset: name,
        dataDir: ctx.dataDir,
        reads: normalizer.reads,
        normalize: normalizer.rows,
        plan,
        fingerprint: fp,
        cache: ingested,
      });
      const { mode, reason, changedRows, entry } = run;
      ctx.log.info(
        `${name}: ${mode} (${reason})${changedRows > 0 ? `, ${changedRows} upstream rows in the incremental windows` : ""}`,
      );
      const upstream = (async function* () {
        let n = 0;
        let next = 10_000;
        for await (const rows of run.rows) {
          n += Array.isArray(rows) ? rows.length : 1;
          if (n >= next) {
            next = (Math.floor(n / 10_000) + 1) * 10_000;
            const secs = (performance.now() - started) / 1000;
            ctx.log.progress(
              `${name}: ${n} rows, ${stats.partitions} partitions, ${stats.requests} requests, ${Math.round(n / secs)} rows/s`,
            );
          }
          yield rows;
        }
      })();
      return {
        rows: upstream,
        current: run.current,
        sources: clustersRead.map((k) => `kusto:${config.clusters[k].name}/${config.clusters[k].database}`),
        outcome: () =>
          entry === undefined ? {} : { stateFiles: new Map([[KUSTO_STATE_PATH, nextState(ctx.dataDir, name, entry)]]) },
        details: () => ({
          mode,
          mode_reason: reason,
          changed_upstream_rows: changedRows,
          requests: stats.requests,
          partitions: stats.partitions,
          splits: stats.splits,
          upstream_rows: stats.rows,
          attempts: retrier.attempts - attemptsBefore,
          retries: retrier.retries - retriesBefore,
        }),
      };
    },
    async close() {
      for (const c of clients.values()) c.close();
      clients.clear();
      uids.clear();
    },
  };
}
