/** The Kusto source of the sync core: the five Kusto datasets, each read window by window and normalized. */
import type { Row } from "../../shared/format.ts";
import { pseudonymKeyFromEnv } from "../../shared/pseudonym.ts";
import { getSchema } from "../../shared/schema.ts";
import type { DatasetRun, Source, SyncContext } from "../../sync-core/src/source.ts";
import { connect, type RawQuery } from "./client.ts";
import { type ClusterKey, type KustoConfig, loadConfig, readQuery } from "./config.ts";
import { type ExtractEnv, type ExtractStats, fetchBatch } from "./extract.ts";
import type { ExtractName } from "./extracts.ts";
import type { UpstreamRecord } from "./frames.ts";
import { INCREMENTAL, mergeByKey, unmergeable } from "./incremental.ts";
import { pseudonymizer } from "./normalize/common.ts";
import { NORMALIZERS } from "./normalize/index.ts";
import { DEFAULT_RETRY, Retrier, type RetryPolicy } from "./retry.ts";
import { fingerprint, KUSTO_STATE_PATH, nextState, type Plan, planDataset, watermarkEntry } from "./watermark.ts";

export const KUSTO_DATASETS = [
  "individual_exams",
  "certified_users",
  "unified_users",
  "product_usage",
  "learning_activity",
] as const;

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
  const ingested = new Map<string, Promise<readonly UpstreamRecord[]>>();
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
      const normalizer = NORMALIZERS[name];
      if (!normalizer) throw new Error(`no Kusto normalizer for ${name}`);
      const { config, retrier } = init(ctx);
      const pseudonymKey = pseudonymKeyFromEnv(ctx.env);
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
      } satisfies ExtractEnv & { pseudonymKey: string };
      const clustersRead = [...new Set(normalizer.reads.map((e) => config.extracts[e]?.cluster ?? "gh"))].sort();
      const readQ = opts.readQuery ?? readQuery;
      const fp = fingerprint(name, normalizer.reads, config, readQ, pseudonymKey);
      const full = opts.full === true || /^(1|true|yes)$/i.test(ctx.env.KUSTO_FULL ?? "");
      const plan: Plan = await planDataset({
        dataDir: ctx.dataDir,
        dataset: name,
        now: ctx.now,
        fingerprint: fp,
        config,
        full,
      });
      let mode: "full" | "incremental" = "full";
      let reason = plan.mode === "full" ? plan.reason : "";
      let changedRows = 0;
      let source: AsyncIterable<Row> = normalizer.rows(env);
      const spec = INCREMENTAL[name];
      if (plan.mode === "incremental" && spec) {
        const changed = new Map<ExtractName, readonly UpstreamRecord[]>();
        for (const e of normalizer.reads) {
          const key = `${e}|${plan.since.toISOString()}|${plan.until.toISOString()}`;
          let p = ingested.get(key);
          if (!p) {
            p = fetchBatch(env, e, { start: plan.since, end: plan.until }, "incremental").then((b) => b.records);
            ingested.set(key, p);
          }
          const records = await p;
          changed.set(e, records);
          changedRows += records.length;
        }
        const cannot = unmergeable(spec, normalizer.reads, changed);
        if (cannot.length > 0) reason = `changed rows in ${cannot.join(", ")} cannot be merged by key`;
        else {
          mode = "incremental";
          reason = `since ${plan.since.toISOString()}`;
          const rows = spec.rows(pseudonymizer(pseudonymKey), changed);
          source = mergeByKey(ctx.dataDir, getSchema(name), rows, spec.combine);
        }
      }
      ctx.log.info(`${name}: ${mode}${reason === "" ? "" : ` (${reason})`}, ${changedRows} changed upstream rows`);
      // the watermark moves when the run read anything new or reconciled in full; an empty night writes no byte
      const entry =
        mode === "full"
          ? watermarkEntry(ctx.now, ctx.now, fp)
          : changedRows > 0 && plan.mode === "incremental"
            ? watermarkEntry(ctx.now, plan.previous.full_at, fp)
            : undefined;
      const upstream = (async function* () {
        let n = 0;
        for await (const row of source) {
          n++;
          if (n % 10_000 === 0) {
            const secs = (performance.now() - started) / 1000;
            ctx.log.progress(
              `${name}: ${n} rows, ${stats.partitions} partitions, ${stats.requests} requests, ${Math.round(n / secs)} rows/s`,
            );
          }
          yield row;
        }
      })();
      return {
        rows: upstream,
        sources: clustersRead.map((k) => `kusto:${config.clusters[k].name}/${config.clusters[k].database}`),
        outcome: () =>
          entry === undefined ? {} : { stateFiles: new Map([[KUSTO_STATE_PATH, nextState(ctx.dataDir, name, entry)]]) },
        details: () => ({
          mode,
          ...(reason === "" ? {} : { mode_reason: reason }),
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
    },
  };
}
