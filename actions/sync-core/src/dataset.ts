/**
 * One dataset through the core: produce rows → stage to temp files → validate → guards → commit (atomic renames) →
 * status entry. Any failure leaves the committed files byte-identical and says why.
 */
import { readRawRecords, type StagedDataset, stageDataset } from "#core/csv.ts";
import { datasetFiles, hashDataset } from "#core/files.ts";
import { formatDateTime, type Row } from "#core/format.ts";
import type { DatasetSchema } from "#core/schema.ts";
import type { DatasetStatus, StatusEntry } from "#core/status.ts";
import { shrinkRefusal, validateStaged } from "./guards.ts";
import { logMessage, statusReason } from "./reasons.ts";
import { type DatasetRun, type Source, type SyncContext, SyncRefusal, SyncSkip } from "./source.ts";
import { writeStateFiles } from "./state-files.ts";

export interface DatasetOptions {
  readonly dryRun: boolean;
  readonly allowShrink: boolean;
  readonly shrinkThreshold: number;
}

export interface DatasetResult {
  readonly dataset: string;
  readonly source: string;
  readonly status: DatasetStatus;
  /** human-readable reason (refused/failed/skipped) or summary */
  readonly message: string;
  readonly rows: number | null;
  readonly bytes: number | null;
  readonly previousRows: number | null;
  readonly sha256: string | null;
  readonly durationMs: number;
  /** the status entry to record, or undefined when the committed status must not change */
  readonly entry: StatusEntry | undefined;
  readonly details: Readonly<Record<string, number | string>>;
}

/** Rows held in memory per sorted run when rows arrive out of key order (bounds memory at scale M). */
const SORT_CHUNK_ROWS = 50_000;

/** Marks errors thrown by the source's row iterator, so writer errors (invalid rows) can be told apart. */
class SourceError extends Error {
  readonly inner: unknown;
  constructor(inner: unknown) {
    super(inner instanceof Error ? inner.message : String(inner));
    this.inner = inner;
  }
}

async function* tagged(rows: DatasetRun["rows"]): AsyncGenerator<Row | readonly Row[]> {
  try {
    yield* rows;
  } catch (err) {
    throw new SourceError(err);
  }
}

async function countRows(dataDir: string, schema: DatasetSchema): Promise<number | null> {
  const { files } = datasetFiles(dataDir, schema);
  if (files.length === 0) return null;
  let n = 0;
  for (const f of files) for await (const r of readRawRecords(f)) if (r.line > 1) n++;
  return n;
}

function classify(err: unknown, staging: boolean): { status: DatasetStatus; message: string } {
  const inner = err instanceof SourceError ? err.inner : err;
  const message = logMessage(inner instanceof Error ? inner.message : String(inner));
  if (inner instanceof SyncSkip) return { status: "skipped", message };
  if (inner instanceof SyncRefusal) return { status: "refused", message };
  // A system error while writing (disk full, permissions, I/O) is a failure of this run, not bad data.
  const code = (inner as NodeJS.ErrnoException | undefined)?.code;
  if (staging && !(err instanceof SourceError) && typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    return {
      status: "failed",
      message: `writing the new file failed (${code}): ${message}; the committed file is unchanged`,
    };
  }
  // An error from the writer itself while staging (bad cell, duplicate key) is invalid data: refuse it.
  if (staging && !(err instanceof SourceError)) return { status: "refused", message: `invalid rows: ${message}` };
  return { status: "failed", message };
}

async function start(source: Source, name: string, ctx: SyncContext): Promise<DatasetRun> {
  try {
    return await source.dataset(name, ctx);
  } catch (err) {
    throw new SourceError(err);
  }
}

function sameEntry(a: StatusEntry | undefined, b: StatusEntry): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

export async function runDataset(
  source: Source,
  schema: DatasetSchema,
  ctx: SyncContext,
  previous: StatusEntry | undefined,
  opts: DatasetOptions,
): Promise<DatasetResult> {
  const started = performance.now();
  const at = formatDateTime(ctx.now);
  const currentSha = (await hashDataset(ctx.dataDir, schema)) ?? null;
  const previousRows =
    previous && previous.sha256 === currentSha && currentSha !== null
      ? previous.rows
      : await countRows(ctx.dataDir, schema);
  let run: DatasetRun | undefined;
  let staged: StagedDataset | undefined;
  const base = { dataset: schema.name, source: source.name, previousRows };
  const finish = (status: DatasetStatus, message: string, entry: StatusEntry | undefined): DatasetResult => ({
    ...base,
    status,
    message,
    rows: staged?.rows ?? null,
    bytes: staged?.bytes ?? null,
    sha256: staged?.sha256 ?? null,
    durationMs: Math.round(performance.now() - started),
    entry: entry && sameEntry(previous, entry) ? undefined : entry,
    details: run?.details?.() ?? {},
  });
  // What the status says about the committed file when this run does not replace it.
  const kept = (status: DatasetStatus, error: string | null, sources: readonly string[]): StatusEntry => ({
    status,
    last_success_at: previous?.last_success_at ?? null,
    last_changed_at: previous?.last_changed_at ?? null,
    sha256: currentSha,
    rows: currentSha === null ? null : previousRows,
    sources: [...(previous?.sources ?? sources)],
    progress: previous?.progress ?? null,
    not_ready_days: [...(previous?.not_ready_days ?? [])],
    error,
  });
  let staging = false;
  try {
    run = await start(source, schema.name, ctx);
    if (run.current === true && currentSha !== null && previous?.sha256 === currentSha && previousRows !== null) {
      const entry: StatusEntry = { ...kept("unchanged", null, run.sources), last_success_at: at };
      const healthy = (previous.status === "ok" || previous.status === "unchanged") && previous.error === null;
      if (!opts.dryRun) {
        const outcome = run.outcome?.() ?? {};
        if (outcome.stateFiles) writeStateFiles(ctx.dataDir, outcome.stateFiles);
      }
      const msg = `${previousRows} rows, identical to the committed file (nothing new upstream)`;
      return {
        ...finish("unchanged", opts.dryRun ? "dry run: unchanged" : msg, healthy || opts.dryRun ? undefined : entry),
        rows: previousRows,
        sha256: currentSha,
      };
    }
    staging = true;
    staged = await stageDataset(ctx.dataDir, schema, tagged(run.rows), { chunkRows: SORT_CHUNK_ROWS });
    staging = false;
    const outcome = run.outcome?.() ?? {};
    const problems = await validateStaged(schema, staged);
    if (problems.length > 0) throw new SyncRefusal(`invalid rows: ${problems.join("; ")}`);
    const shrink = outcome.partial
      ? undefined
      : shrinkRefusal(previousRows, staged.rows, opts.shrinkThreshold, opts.allowShrink);
    if (shrink) throw new SyncRefusal(shrink);
    const changed = staged.sha256 !== currentSha;
    const status: DatasetStatus = outcome.partial ? "partial" : changed ? "ok" : "unchanged";
    const entry: StatusEntry = {
      status,
      last_success_at: at,
      last_changed_at: changed ? at : (previous?.last_changed_at ?? at),
      sha256: staged.sha256,
      rows: staged.rows,
      sources: [...run.sources],
      progress:
        outcome.partial ?? outcome.progress ?? (outcome.progress === null ? null : (previous?.progress ?? null)),
      not_ready_days: [...(outcome.notReadyDays ?? [])],
      error: null,
    };
    if (opts.dryRun) {
      staged.discard();
      return finish(status, changed ? "dry run: would change" : "dry run: unchanged", undefined);
    }
    if (changed) staged.commit();
    else staged.discard();
    if (outcome.stateFiles) writeStateFiles(ctx.dataDir, outcome.stateFiles);
    // Unchanged data whose status already describes it healthily: keep every committed byte.
    const healthy =
      !changed &&
      previous !== undefined &&
      (previous.status === "ok" || previous.status === "unchanged") &&
      previous.sha256 === staged.sha256 &&
      previous.rows === staged.rows &&
      previous.error === null &&
      JSON.stringify(previous.sources) === JSON.stringify(entry.sources) &&
      JSON.stringify(previous.not_ready_days) === JSON.stringify(entry.not_ready_days) &&
      JSON.stringify(previous.progress) === JSON.stringify(entry.progress);
    const msg = `${staged.rows} rows${changed ? "" : ", identical to the committed file"}`;
    return finish(status, msg, healthy ? undefined : entry);
  } catch (err) {
    staged?.discard();
    const { status, message } = classify(err, staging);
    if (status === "skipped") return finish(status, message, undefined);
    const entry = opts.dryRun ? undefined : kept(status, statusReason(message), run?.sources ?? []);
    return finish(status, message, entry);
  }
}
