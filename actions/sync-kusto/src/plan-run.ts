/**
 * One Kusto dataset's run, full or incremental (docs/sync.md, "Incremental extraction"). Per read extract an
 * incremental night asks two windows of ingestion time: the overlap [watermark − overlap, watermark), whose digest
 * must equal the one recorded last time (else rows arrived late), and [watermark, now + 1 day), the new rows. Nothing
 * late and nothing new: the committed rows are the answer and no state byte changes. Otherwise the dataset merges the
 * rows by key, or — when it cannot merge them (person-level aggregates, the legacy join) — is exported in full. Every
 * run that moves the watermark first records the digest of the overlap before its own now, before reading data, so a
 * row that becomes visible later is seen as late next time.
 */
import { createHash } from "node:crypto";
import type { Row } from "#core/format.ts";
import type { KustoRecord as UpstreamRecord } from "#core/kusto-cells.ts";
import { getSchema } from "#core/schema.ts";
import { type ExtractEnv, fetchBatch } from "./extract.ts";
import type { ExtractName } from "./extracts.ts";
import { asRefusal, normalized } from "./feed.ts";
import { INCREMENTAL, mergeByKey, unmergeable } from "./incremental.ts";
import type { Normalizer } from "./normalize/common.ts";
import { pseudonymizer, type Uid } from "./normalize/common.ts";
import { type Plan, type WatermarkEntry, watermarkEntry } from "./watermark.ts";

/** Rows of one extract ingested in one window, fetched once per run and shared by the datasets reading them. */
export type IngestedCache = Map<string, Promise<readonly UpstreamRecord[]>>;

export interface PlannedRun {
  readonly mode: "full" | "incremental";
  readonly reason: string;
  /** upstream rows read through the incremental windows (late + new) */
  readonly changedRows: number;
  /** rows, or batches of rows (arrays) */
  readonly rows: AsyncIterable<Row | readonly Row[]>;
  /** the new state entry, or undefined when this run must not move the watermark (nothing late, nothing new) */
  readonly entry: WatermarkEntry | undefined;
  /** nothing late, nothing new: the committed file is current (the core keeps it without staging `rows`) */
  readonly current: boolean;
}

export interface RunInput {
  /** `uid`: the run's cached pseudonyms (one cache for every dataset of the run), else a cache of this dataset's */
  readonly env: ExtractEnv & { readonly pseudonymKey: string; readonly uid?: Uid };
  readonly dataset: string;
  readonly dataDir: string;
  readonly reads: readonly ExtractName[];
  readonly normalize: Normalizer;
  readonly plan: Plan;
  readonly fingerprint: string;
  readonly cache: IngestedCache;
}

function ingested(i: RunInput, e: ExtractName, start: Date, end: Date): Promise<readonly UpstreamRecord[]> {
  const key = `${e}|${start.toISOString()}|${end.toISOString()}`;
  let p = i.cache.get(key);
  if (!p) {
    p = fetchBatch(i.env, e, { start, end }, "incremental").then((b) => b.records);
    i.cache.set(key, p);
  }
  return p;
}

/** sha256 of the extracts' rows in one window (query order: the key order of each .kql). */
async function digest(i: RunInput, start: Date, end: Date): Promise<string> {
  const h = createHash("sha256");
  for (const e of i.reads) {
    h.update(`${e}\n`);
    for (const r of await ingested(i, e, start, end)) h.update(`${JSON.stringify(r)}\n`);
  }
  return h.digest("hex");
}

export async function planRun(i: RunInput): Promise<PlannedRun> {
  const { plan, env } = i;
  const overlapMs = env.config.incremental.overlapMinutes * 60_000;
  const tail = () => digest(i, new Date(env.now.getTime() - overlapMs), env.now);
  const full = async (reason: string, changedRows: number): Promise<PlannedRun> => ({
    mode: "full",
    reason,
    changedRows,
    entry: watermarkEntry(env.now, env.now, i.fingerprint, await tail()),
    current: false,
    rows: normalized(i.normalize, env),
  });
  const spec = INCREMENTAL[i.dataset];
  if (plan.mode === "full" || spec === undefined) return full(plan.mode === "full" ? plan.reason : "no merge rule", 0);
  const watermark = new Date(plan.previous.watermark);
  const since = new Date(watermark.getTime() - overlapMs);
  const until = new Date(env.now.getTime() + 86_400_000);
  const lateOk = (await digest(i, since, watermark)) === plan.previous.tail;
  const changed = new Map<ExtractName, readonly UpstreamRecord[]>();
  let changedRows = 0;
  for (const e of i.reads) {
    const fresh = await ingested(i, e, watermark, until);
    const rows = lateOk ? fresh : [...(await ingested(i, e, since, watermark)), ...fresh];
    changed.set(e, rows);
    changedRows += rows.length;
  }
  const schema = getSchema(i.dataset);
  if (changedRows === 0) {
    return {
      mode: "incremental",
      reason: `nothing ingested since ${plan.previous.watermark}`,
      changedRows,
      entry: undefined,
      current: true,
      rows: mergeByKey(i.dataDir, schema, [], spec.combine),
    };
  }
  const cannot = unmergeable(spec, i.reads, changed);
  const why = lateOk ? "" : ", late rows in the overlap";
  if (cannot.length > 0) return full(`new rows in ${cannot.join(", ")} cannot be merged by key${why}`, changedRows);
  const entry = watermarkEntry(env.now, plan.previous.full_at, i.fingerprint, await tail());
  let rows: Row[];
  try {
    rows = spec.rows(env.uid ?? pseudonymizer(env.pseudonymKey), changed);
  } catch (err) {
    throw asRefusal(err);
  }
  return {
    mode: "incremental",
    reason: `since ${plan.previous.watermark}${why}`,
    changedRows,
    entry,
    current: false,
    rows: mergeByKey(i.dataDir, schema, rows, spec.combine),
  };
}
