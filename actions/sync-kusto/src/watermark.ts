/**
 * The Kusto watermarks (`data/state/kusto.json`): per dataset, the clock of the last run that read everything ingested
 * up to it, the clock of its last full reconciliation, and a fingerprint of everything the rows depend on besides the
 * upstream data (query texts, result columns, the dataset schema, the pseudonym key). `planDataset` decides whether a
 * run may be incremental; any doubt means a full reconciliation (docs/sync.md, "Incremental extraction").
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { hashDataset } from "#core/files.ts";
import { pseudonym } from "#core/pseudonym.ts";
import { SCHEMA_DIR } from "#core/schema.ts";
import { readSyncStatus, type StatusEntry } from "#core/status.ts";
import { incrementalQueryFile, type KustoConfig } from "./config.ts";
import { EXTRACT_COLUMNS, type ExtractName } from "./extracts.ts";

export const KUSTO_STATE_PATH = "state/kusto.json";

/** Bump when a normalizer changes what it makes of the same upstream rows: every watermark is then distrusted. */
export const NORMALIZE_VERSION = 1;

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
const entrySchema = z
  .object({
    watermark: iso,
    /** sha256 of the read extracts' rows ingested in [watermark − overlap, watermark), as read before the data */
    tail: z.string().regex(/^[0-9a-f]{64}$/),
    full_at: iso,
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export const kustoStateSchema = z
  .object({ version: z.literal(1), datasets: z.record(z.string(), entrySchema) })
  .strict();
export type KustoState = z.infer<typeof kustoStateSchema>;
export type WatermarkEntry = z.infer<typeof entrySchema>;

export type Plan =
  | { readonly mode: "full"; readonly reason: string; readonly previous: WatermarkEntry | undefined }
  | { readonly mode: "incremental"; readonly previous: WatermarkEntry };

const isoSeconds = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/** Reads the state file: undefined when missing, `invalid` when it does not parse. */
export function readKustoState(dataDir: string): KustoState | "invalid" | undefined {
  const file = join(dataDir, KUSTO_STATE_PATH);
  if (!existsSync(file)) return undefined;
  try {
    return kustoStateSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return "invalid";
  }
}

/** Deterministic serialization: datasets in name order, two-space indent, final newline. */
export function serializeKustoState(s: KustoState): string {
  const datasets = Object.fromEntries(Object.entries(s.datasets).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 1, datasets }, null, 2)}\n`;
}

/** What the dataset's rows depend on besides the upstream data; a change distrusts the watermark. */
export function fingerprint(
  dataset: string,
  reads: readonly ExtractName[],
  config: KustoConfig,
  readQuery: (file: string) => string,
  pseudonymKey: string,
): string {
  const h = createHash("sha256");
  h.update(`v${NORMALIZE_VERSION}\n${dataset}\n`);
  h.update(readFileSync(join(SCHEMA_DIR, `${dataset}.json`)));
  // a check value of the key, never the key: another key gives other user_ids, merging them would mix two worlds
  h.update(`\n${pseudonym(pseudonymKey, "$kusto-watermark")}\n`);
  for (const name of reads) {
    const e = config.extracts[name];
    if (!e) throw new Error(`sources.json has no extract ${name}`);
    h.update(`${name}\n${e.cluster}\n${e.table}\n${JSON.stringify(EXTRACT_COLUMNS[name])}\n`);
    h.update(readQuery(e.query));
    h.update(readQuery(incrementalQueryFile(e.query)));
  }
  return h.digest("hex");
}

export interface PlanInput {
  readonly dataDir: string;
  readonly dataset: string;
  readonly now: Date;
  readonly fingerprint: string;
  readonly config: KustoConfig;
  /** a full reconciliation was asked for (`--full`, the action's `full` input, KUSTO_FULL=true) */
  readonly full: boolean;
}

/** Full or incremental, and why. */
export async function planDataset(i: PlanInput): Promise<Plan> {
  const state = readKustoState(i.dataDir);
  const previous = state === "invalid" ? undefined : state?.datasets[i.dataset];
  const full = (reason: string): Plan => ({ mode: "full", reason, previous });
  if (i.full) return full("full reconciliation requested");
  if (state === undefined) return full(`no ${KUSTO_STATE_PATH}`);
  if (state === "invalid") return full(`${KUSTO_STATE_PATH} is invalid`);
  if (previous === undefined) return full("no watermark for this dataset");
  if (previous.fingerprint !== i.fingerprint) return full("query text, columns, schema or key changed");
  const watermark = new Date(previous.watermark);
  if (watermark.getTime() > i.now.getTime()) return full("the watermark is after now");
  const age = i.now.getTime() - new Date(previous.full_at).getTime();
  if (age >= i.config.incremental.fullEveryDays * 86_400_000) return full("weekly reconciliation");
  // The committed file must be the one a tracked run left: the status names its hash, and it changed no later
  // than the watermark (a hand edit, a crash between commit and status, or another writer distrusts it).
  let entry: StatusEntry | undefined;
  try {
    entry = readSyncStatus(i.dataDir).datasets[i.dataset];
  } catch {
    return full("sync_status.json is unreadable");
  }
  const current = await hashDataset(i.dataDir, { name: i.dataset });
  if (current === undefined) return full("no committed file");
  if (entry?.sha256 !== current) return full("the committed file is not the one the status records");
  if (entry.last_changed_at !== null && entry.last_changed_at > previous.watermark)
    return full("the committed file changed after the watermark");
  return { mode: "incremental", previous };
}

/** The state file with this dataset's entry replaced (read at write time: other datasets of the run came first). */
export function nextState(dataDir: string, dataset: string, entry: WatermarkEntry): string {
  const state = readKustoState(dataDir);
  const base: KustoState = state === undefined || state === "invalid" ? { version: 1, datasets: {} } : state;
  return serializeKustoState({ version: 1, datasets: { ...base.datasets, [dataset]: entry } });
}

export function watermarkEntry(now: Date, fullAt: Date | string, fp: string, tail: string): WatermarkEntry {
  return {
    watermark: isoSeconds(now),
    tail,
    full_at: typeof fullAt === "string" ? fullAt : isoSeconds(fullAt),
    fingerprint: fp,
  };
}
