/** Diffs every dataset (all of `schema/*.json` on either side), the aggregates, and reads the sync status. */
import { now as clockNow } from "#core/clock.ts";
import { type DatasetSchema, loadSchemas, parseDatasetSchema } from "#core/schema.ts";
import { datasetFreshness, loadRunRecord, parseSyncStatus } from "#core/status.ts";
import { diffDataset } from "./dataset.ts";
import { aggregatedOrder, kpiDeltas } from "./kpi.ts";
import type { DiffReport, KpiDelta, StatusNote } from "./model.ts";
import type { DataSource } from "./source.ts";

export interface DiffOptions {
  /** rows per sample (added / removed / changed), default 10 */
  readonly sampleSize?: number;
  /** only these datasets */
  readonly datasets?: readonly string[];
  /** "now" for freshness (default: ACE_NOW or the clock) */
  readonly now?: Date;
}

const SCHEMA_RE = /^schema\/([a-z][a-z0-9_]*)\.json$/;

async function schemasOf(src: DataSource, files: readonly string[]): Promise<Map<string, DatasetSchema> | undefined> {
  const names = files.map((f) => SCHEMA_RE.exec(f)?.[1]).filter((n): n is string => n !== undefined);
  if (names.length === 0) return undefined;
  const out = new Map<string, DatasetSchema>();
  for (const n of names) {
    const text = await src.readText(`schema/${n}.json`);
    if (text === undefined) continue;
    const json: unknown = JSON.parse(text);
    // Non-dataset documents (upstream tables, the status schema) live beside the dataset schemas.
    if (typeof json !== "object" || json === null || !("primaryKey" in json)) continue;
    out.set(n, parseDatasetSchema(json, `${src.label}/schema/${n}.json`));
  }
  return out;
}

async function statusNotes(
  head: DataSource,
  schemas: ReadonlyMap<string, DatasetSchema>,
  at: Date,
): Promise<StatusNote[]> {
  const text = await head.readText("sync_status.json");
  if (text === undefined) return [];
  const status = parseSyncStatus(JSON.parse(text), `${head.label}/sync_status.json`);
  // the run that produced this head: a dataset it checked unchanged is fresh (core/staleness.ts)
  const run = loadRunRecord(await head.readText("sync-run.json"));
  const names = Object.keys(status.datasets).sort();
  const cadences = Object.fromEntries(names.map((d) => [d, schemas.get(d)?.cadence ?? "nightly"] as const));
  const fresh = datasetFreshness(status, run, cadences, at);
  for (const w of fresh.warnings) console.warn(`data-diff: ${w}`);
  const out: StatusNote[] = [];
  for (const dataset of names) {
    const e = status.datasets[dataset];
    const f = fresh.datasets[dataset];
    if (e === undefined || f === undefined) continue;
    out.push({
      dataset,
      status: e.status,
      // the last successful sync, whether it changed the data or confirmed it unchanged
      lastSuccessAt: f.lastCheckedAt,
      freshness: f.state,
      error: e.error,
    });
  }
  return out;
}

/** Changed files that are neither datasets, schemas nor aggregates (sync_status.json, data/state/…). */
async function otherChanges(
  base: DataSource,
  head: DataSource,
  baseFiles: readonly string[],
  headFiles: readonly string[],
  datasets: readonly string[],
): Promise<string[]> {
  const isOther = (f: string): boolean => {
    if (/^(schema|aggregated)\//.test(f) || f === "sync-run.json") return false;
    const top = f.split("/")[0] ?? f;
    return !datasets.some((d) => f === `${d}.csv` || top === d);
  };
  const out: string[] = [];
  for (const f of [...new Set([...baseFiles, ...headFiles])].filter(isOther).sort()) {
    const [a, b] = await Promise.all([base.readText(f), head.readText(f)]);
    if (a !== b) out.push(a === undefined ? `${f} (new)` : b === undefined ? `${f} (removed)` : f);
  }
  return out;
}

export async function diffSources(base: DataSource, head: DataSource, opts: DiffOptions = {}): Promise<DiffReport> {
  const [baseFiles, headFiles] = await Promise.all([base.files(), head.files()]);
  const headSchemas = (await schemasOf(head, headFiles)) ?? new Map(loadSchemas());
  const baseSchemas = (await schemasOf(base, baseFiles)) ?? headSchemas;
  let names = [...new Set([...baseSchemas.keys(), ...headSchemas.keys()])].sort();
  if (opts.datasets) {
    const unknown = opts.datasets.filter((d) => !names.includes(d));
    if (unknown.length > 0) throw new Error(`unknown dataset(s): ${unknown.join(", ")}; known: ${names.join(", ")}`);
    names = names.filter((n) => opts.datasets?.includes(n));
  }
  const datasets = [];
  for (const name of names) {
    const d = await diffDataset(
      name,
      { source: base, schema: baseSchemas.get(name), files: baseFiles },
      { source: head, schema: headSchemas.get(name), files: headFiles },
      opts.sampleSize ?? 10,
    );
    if (d.state !== "absent") datasets.push(d);
  }
  const agg = (files: readonly string[]): string[] => files.filter((f) => /^aggregated\/[^/]+\.json$/.test(f));
  const kpis: KpiDelta[] = [];
  const aggregatedFiles: string[] = [];
  for (const f of aggregatedOrder([...new Set([...agg(baseFiles), ...agg(headFiles)])])) {
    const [a, b] = await Promise.all([base.readText(f), head.readText(f)]);
    if (a === b) continue;
    const short = f.slice("aggregated/".length);
    aggregatedFiles.push(a === undefined ? `${short} (new)` : b === undefined ? `${short} (removed)` : short);
    kpis.push(...kpiDeltas(short, a, b));
  }
  const otherFiles = await otherChanges(base, head, baseFiles, headFiles, names);
  const status = await statusNotes(head, headSchemas, opts.now ?? clockNow());
  const changed = datasets.some((d) => d.state !== "unchanged") || aggregatedFiles.length > 0;
  return { base: base.label, head: head.label, datasets, kpis, aggregatedFiles, otherFiles, status, changed };
}
