/**
 * What every output file shares: the deterministic "now" (as_of), and the traceability envelope (`generated_from`
 * with sha256 / last_success_at of the inputs, stale / partial / missing flags from the committed sync status and the
 * last run record: "stale" means not checked within twice the cadence before as_of).
 */

import { AGGREGATED_SCHEMA_VERSION, type Source } from "#core/aggregated/schemas.ts";
import { hashDataset } from "#core/files.ts";
import { fiscalQuarter } from "#core/fiscal.ts";
import { getSchema } from "#core/schema.ts";
import { datasetFreshness, type RunRecordInput, type SyncStatus } from "#core/status.ts";

export interface Context {
  /** UTC datetime YYYY-MM-DDTHH:MM:SSZ */
  readonly asOf: string;
  readonly currentQuarter: string;
  readonly previousQuarter: string;
  readonly sources: ReadonlyMap<string, Source>;
  /** Copilot report days the last sync found not ready (sync_status.json), shown as not ready even if absent. */
  readonly copilotNotReadyDays: readonly string[];
}

/**
 * "Now" comes from the data, never the wall clock: the newest `last_success_at` in sync_status.json, else `ACE_NOW`,
 * else the given fallback (the newest timestamp found in the data).
 */
export function resolveAsOf(status: SyncStatus, aceNow: string | undefined, fallback: string | null): string {
  const times = Object.values(status.datasets)
    .map((e) => e.last_success_at)
    .filter((t): t is string => typeof t === "string")
    .sort();
  const newest = times.at(-1);
  if (newest) return newest;
  if (aceNow) {
    const d = new Date(aceNow);
    if (Number.isNaN(d.getTime())) throw new Error(`ACE_NOW="${aceNow}" is not an ISO datetime`);
    return `${d.toISOString().slice(0, 19)}Z`;
  }
  return fallback ?? "1970-01-01T00:00:00Z";
}

export function previousQuarterOf(q: string): string {
  const m = /^FY(\d{2})-Q([1-4])$/.exec(q);
  if (!m?.[1] || !m[2]) throw new Error(`not a fiscal quarter: ${q}`);
  const fy = Number(m[1]);
  const n = Number(m[2]);
  return n === 1 ? `FY${String((fy + 99) % 100).padStart(2, "0")}-Q4` : `FY${m[1]}-Q${n - 1}`;
}

export async function buildContext(
  dataDir: string,
  datasets: readonly string[],
  status: SyncStatus,
  asOf: string,
  /** the last sync's run record: a dataset it checked unchanged counts as fresh (core/staleness.ts) */
  run: RunRecordInput = { kind: "absent" },
): Promise<Context> {
  const sources = new Map<string, Source>();
  const now = new Date(asOf);
  const cadences = Object.fromEntries(datasets.map((d) => [d, getSchema(d).cadence]));
  const checked = datasetFreshness(status, run, cadences, now).datasets;
  for (const name of [...datasets].sort()) {
    const schema = getSchema(name);
    const entry = status.datasets[name];
    const sha = (await hashDataset(dataDir, schema)) ?? null;
    const fresh = sha === null ? "never" : (checked[name]?.state ?? "never");
    const partial =
      entry?.status === "partial" || (entry?.progress != null && entry.progress.done < entry.progress.total);
    sources.set(name, {
      dataset: name,
      sha256: sha,
      last_success_at: entry?.last_success_at ?? null,
      rows: entry?.rows ?? null,
      status: entry?.status ?? null,
      freshness: fresh,
      partial,
    });
  }
  const currentQuarter = fiscalQuarter(asOf);
  const copilotNotReadyDays = [...(status.datasets.copilot_daily?.not_ready_days ?? [])].sort();
  return { asOf, currentQuarter, previousQuarter: previousQuarterOf(currentQuarter), sources, copilotNotReadyDays };
}

/** The common head of one output file, listing only the datasets it reads. */
export function envelope<F extends string>(ctx: Context, file: F, datasets: readonly string[]) {
  const used = [...datasets]
    .sort()
    .map((d) => ctx.sources.get(d))
    .filter((s): s is Source => s !== undefined);
  const stale = used.filter((s) => s.freshness === "stale").map((s) => s.dataset);
  const partial = used.filter((s) => s.partial).map((s) => s.dataset);
  const missing = used.filter((s) => s.sha256 === null).map((s) => s.dataset);
  return {
    $schema: `../schema/aggregated/${file}.json`,
    schema_version: AGGREGATED_SCHEMA_VERSION,
    file,
    as_of: ctx.asOf,
    min_cell: 5 as const,
    generated_from: used,
    flags: {
      stale: stale.length > 0,
      partial: partial.length > 0,
      missing: missing.length > 0,
      stale_datasets: stale,
      partial_datasets: partial,
      missing_datasets: missing,
    },
  };
}
