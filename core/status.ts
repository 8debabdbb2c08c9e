/**
 * `data/sync_status.json`: one entry per dataset, written atomically by the sync and read by aggregation, the diff,
 * the site and the worker. Its JSON Schema (`data/schema/sync_status.schema.json`) is generated from this zod
 * definition (`npm run schema:status`), and a test keeps the two identical.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { crashPoint } from "./crash.ts";
import { tempPathFor } from "./files.ts";
import { loadRunRecord, type RunRecordInput } from "./staleness.ts";

const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "UTC datetime YYYY-MM-DDTHH:MM:SSZ");

export const DATASET_STATUSES = ["ok", "unchanged", "refused", "failed", "skipped", "partial"] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];

export const statusEntrySchema = z
  .object({
    status: z.enum(DATASET_STATUSES).describe("Outcome of the last sync that touched this dataset."),
    last_success_at: isoDateTime.nullable().describe("When a sync last produced or confirmed this dataset's data."),
    last_changed_at: isoDateTime.nullable().describe("When the dataset's content last changed."),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable()
      .describe("sha256 of the committed CSV (partitions concatenated in name order)."),
    rows: z.number().int().nonnegative().nullable().describe("Data rows in the committed CSV."),
    sources: z
      .array(z.string())
      .describe('Where the data came from, e.g. "kusto:cse-analytics/ACE", "github:/users/{username}/events/public".'),
    progress: z
      .object({
        done: z.number().int().nonnegative(),
        total: z.number().int().nonnegative(),
        cursor: z.string().nullable(),
      })
      .strict()
      .nullable()
      .describe("For resumable syncs: how far the last run got and where the next resumes."),
    not_ready_days: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .describe("Copilot: report days not ready yet (retried next run)."),
    error: z.string().nullable().describe("Why the last run refused or failed, null otherwise."),
  })
  .strict();

export const syncStatusSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    datasets: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), statusEntrySchema),
  })
  .strict();

export type StatusEntry = z.infer<typeof statusEntrySchema>;
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export function statusPath(dataDir: string): string {
  return join(dataDir, "sync_status.json");
}

export function parseSyncStatus(json: unknown, file = "sync_status.json"): SyncStatus {
  const r = syncStatusSchema.safeParse(json);
  if (!r.success) {
    throw new Error(
      `${file}: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  }
  return r.data;
}

/** Reads the status file; a missing file is an empty status, a corrupt one an error. */
export function readSyncStatus(dataDir: string): SyncStatus {
  const file = statusPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, datasets: {} };
    throw err;
  }
  return parseSyncStatus(JSON.parse(text), file);
}

/** Canonical JSON: datasets sorted by name, fixed key order, 2-space indent, trailing newline. */
export function serializeSyncStatus(status: SyncStatus): string {
  const datasets: Record<string, StatusEntry> = {};
  for (const name of Object.keys(status.datasets).sort()) {
    const e = status.datasets[name];
    if (!e) continue;
    datasets[name] = {
      status: e.status,
      last_success_at: e.last_success_at,
      last_changed_at: e.last_changed_at,
      sha256: e.sha256,
      rows: e.rows,
      sources: [...e.sources],
      progress: e.progress ? { done: e.progress.done, total: e.progress.total, cursor: e.progress.cursor } : null,
      not_ready_days: [...e.not_ready_days].sort(),
      error: e.error,
    };
  }
  return `${JSON.stringify({ $schema: "./schema/sync_status.schema.json", version: 1, datasets }, null, 2)}\n`;
}

/** Atomic write (temp file + rename). Entries of datasets not in `update` are kept untouched. */
export function writeSyncStatus(dataDir: string, update: Readonly<Record<string, StatusEntry>>): SyncStatus {
  const current = readSyncStatus(dataDir);
  const next: SyncStatus = { version: 1, datasets: { ...current.datasets, ...update } };
  const file = statusPath(dataDir);
  const text = serializeSyncStatus(next);
  const tmp = tempPathFor(file);
  writeFileSync(tmp, text, { flush: true });
  crashPoint("status-rename");
  renameSync(tmp, file);
  return next;
}

/** The one staleness rule (site, worker, aggregates, diff alike): see ./staleness.ts. */
export {
  type DatasetFreshness,
  datasetFreshness,
  type Freshness,
  type FreshnessReport,
  freshness,
  loadRunRecord,
  type RunRecord,
  type RunRecordInput,
} from "./staleness.ts";

/** The per-run record the sync writes beside the status (git-ignored; the artifact `sync-run` in Actions). */
export function runRecordPath(dataDir: string): string {
  return join(dataDir, "sync-run.json");
}

/** The run record of `dataDir`, validated: a missing file is `absent`, an unreadable or invalid one `invalid`. */
export function readRunRecord(dataDir: string): RunRecordInput {
  let text: string;
  try {
    text = readFileSync(runRecordPath(dataDir), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    return { kind: "invalid", reason: `unreadable (${(err as NodeJS.ErrnoException).code ?? "error"})` };
  }
  return loadRunRecord(text);
}

/** JSON Schema of the status file, generated from the zod definition. */
export function statusJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(syncStatusSchema),
    $id: "sync_status.schema.json",
    title: "ACE sync status",
    description: "data/sync_status.json: per-dataset outcome of the last sync. Generated from core/status.ts.",
  };
}
