/**
 * A sync run: every selected dataset of every source, each independently (one failure never stops or corrupts the
 * others), then the committed status updated per dataset and the per-run record `sync-run.json` written beside it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatDateTime } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";
import { readSyncStatus, statusPath, writeSyncStatus } from "#core/status.ts";
import { type DatasetResult, runDataset } from "./dataset.ts";
import { DEFAULT_SHRINK_THRESHOLD } from "./guards.ts";
import { logLine } from "./reasons.ts";
import { type Reporter, summaryMarkdown } from "./report.ts";
import type { Source, SyncContext } from "./source.ts";
import { writeJsonAtomic } from "./state-files.ts";
import { removeStaleTemps } from "./temps.ts";

export interface SyncOptions {
  readonly dataDir: string;
  /** in run order; derived sources last */
  readonly sources: readonly Source[];
  /** only these datasets (default: every dataset of every source) */
  readonly datasets?: readonly string[];
  readonly dryRun?: boolean;
  readonly allowShrink?: boolean;
  readonly shrinkThreshold?: number;
  readonly now: Date;
  readonly env?: NodeJS.ProcessEnv;
  readonly reporter: Reporter;
  readonly title?: string;
}

export interface SyncReport {
  readonly results: readonly DatasetResult[];
  /** 1 when any dataset was refused or failed */
  readonly exitCode: 0 | 1;
  /** datasets whose committed data changed */
  readonly changed: readonly string[];
  readonly statusPath: string;
  readonly runRecordPath: string;
}

export const RUN_RECORD = "sync-run.json";

interface EarlierRecord {
  readonly started_at: string;
  readonly options: { readonly datasets: readonly string[] };
  readonly datasets: Readonly<Record<string, unknown>>;
}

/** The run record an earlier step of the same workflow run (`run` = "<run id>/<attempt>") wrote, if any. */
function earlierRecord(path: string, run: string): EarlierRecord | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const r = JSON.parse(readFileSync(path, "utf8")) as Partial<EarlierRecord> & { run?: unknown };
    if (r.run !== run || typeof r.started_at !== "string" || typeof r.datasets !== "object" || r.datasets === null)
      return undefined;
    return { started_at: r.started_at, options: { datasets: r.options?.datasets ?? [] }, datasets: r.datasets };
  } catch {
    return undefined;
  }
}

/** Datasets of `sources` selected by `only`; throws on a name no source produces. */
export function selectDatasets(sources: readonly Source[], only: readonly string[] | undefined): Set<string> {
  const all = sources.flatMap((s) => s.datasets);
  if (only === undefined) return new Set(all);
  const unknown = only.filter((d) => !all.includes(d));
  if (unknown.length > 0) {
    throw new Error(`unknown dataset ${unknown.join(", ")} for this run; datasets: ${all.join(", ")}`);
  }
  return new Set(only);
}

export async function runSync(opts: SyncOptions): Promise<SyncReport> {
  const { reporter, dataDir } = opts;
  const startedAt = new Date();
  const selected = selectDatasets(opts.sources, opts.datasets);
  const dryRun = opts.dryRun ?? false;
  if (!dryRun) for (const f of removeStaleTemps(dataDir)) reporter.info(`removed stale temporary file ${f}`);
  // sources log through a filter: no e-mail address or control character reaches the (public) run log
  const log = {
    info: (m: string) => reporter.info(logLine(m)),
    progress: (m: string) => reporter.progress(logLine(m)),
  };
  const ctx: SyncContext = { dataDir, now: opts.now, env: opts.env ?? process.env, log };
  const results: DatasetResult[] = [];
  const runRecordPath = join(dataDir, RUN_RECORD);
  const env = opts.env ?? process.env;
  // In Actions one workflow run syncs through several steps (sync-kusto, sync-github, derive-journey): each step's
  // record keeps the datasets recorded earlier in the same run, so sync-run.json describes the whole run.
  const run = env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? "1"}` : null;
  const earlier = run === null ? undefined : earlierRecord(runRecordPath, run);
  const record = () => ({
    version: 1,
    run,
    started_at: earlier?.started_at ?? startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    duration_ms: Date.now() - startedAt.getTime(),
    clock: formatDateTime(opts.now),
    options: {
      dry_run: dryRun,
      allow_shrink: opts.allowShrink ?? false,
      datasets: [...new Set([...(earlier?.options.datasets ?? []), ...selected])],
    },
    datasets: Object.fromEntries([
      ...Object.entries(earlier?.datasets ?? {}),
      ...results.map((r) => [
        r.dataset,
        {
          status: r.status,
          source: r.source,
          message: r.message,
          rows: r.rows,
          previous_rows: r.previousRows,
          bytes: r.bytes,
          sha256: r.sha256,
          duration_ms: r.durationMs,
          checked_at: r.status === "ok" || r.status === "unchanged" ? formatDateTime(opts.now) : null,
          details: r.details,
        },
      ]),
    ]),
  });
  for (const source of opts.sources) {
    const names = source.datasets.filter((d) => selected.has(d));
    try {
      for (const name of names) {
        const result = await reporter.group(`${source.name}: ${name}`, async () => {
          const previous = readSyncStatus(dataDir).datasets[name];
          const r = await runDataset(source, getSchema(name), ctx, previous, {
            dryRun,
            allowShrink: opts.allowShrink ?? false,
            shrinkThreshold: opts.shrinkThreshold ?? DEFAULT_SHRINK_THRESHOLD,
          });
          if (r.entry) writeSyncStatus(dataDir, { [name]: r.entry });
          reporter.info(`${name}: ${r.status} — ${r.message} (${(r.durationMs / 1000).toFixed(1)} s)`);
          return r;
        });
        results.push(result);
        if (result.status === "failed" || result.status === "refused") {
          reporter.annotate("error", `${name} ${result.status}`, result.message);
        } else if (result.status === "partial") {
          reporter.annotate("warning", `${name} partial`, result.message);
        }
        if (!dryRun) writeJsonAtomic(runRecordPath, record(), "run-record-rename");
      }
    } finally {
      await source.close?.();
    }
  }
  if (!dryRun) writeJsonAtomic(runRecordPath, record(), "run-record-rename");
  await reporter.summary(summaryMarkdown(results, opts.title ?? "Data sync", dryRun));
  const bad = results.some((r) => r.status === "failed" || r.status === "refused");
  return {
    results,
    exitCode: bad ? 1 : 0,
    changed: dryRun ? [] : results.filter((r) => r.status === "ok" || r.status === "partial").map((r) => r.dataset),
    statusPath: statusPath(dataDir),
    runRecordPath,
  };
}
