/**
 * The plug-in point of the sync: a `Source` produces the rows of some datasets; the core (`runSync`) validates,
 * guards, writes atomically and records status. Sources: `actions/sync-kusto` (Kusto), `actions/sync-github`
 * (GitHub, resumable), `actions/derive-journey` (derived from committed CSVs).
 */
import type { Row } from "#core/format.ts";

/** Where a sync run writes and how it logs. */
export interface SyncContext {
  readonly dataDir: string;
  /** the run's clock (ACE_NOW when set) */
  readonly now: Date;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
}

export interface Logger {
  info(message: string): void;
  /** progress lines (rows, partitions, rate); throttled by the reporter on a terminal */
  progress(message: string): void;
}

/** Status of a resumable source that ran out of budget: what it completed and where the next run resumes. */
export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly cursor: string | null;
}

/** What a source reports once the rows were consumed (all optional). */
export interface DatasetOutcome {
  /** set by a resumable source that ran out of budget: status `partial`, data written as far as completed */
  readonly partial?: Progress;
  /** resumable progress to record even when complete (null clears it) */
  readonly progress?: Progress | null;
  /** Copilot: report days not ready yet */
  readonly notReadyDays?: readonly string[];
  /** committed state files (path relative to the data directory → content), written atomically after the CSV */
  readonly stateFiles?: ReadonlyMap<string, string>;
}

/** One dataset's rows as a source produces them. */
export interface DatasetRun {
  /**
   * rows in any order (the writer sorts; in-order input streams straight through); an async source may also hand
   * batches (arrays of rows), which cost the layers to the writer one await each instead of one per row
   */
  readonly rows: AsyncIterable<Row | readonly Row[]> | Iterable<Row>;
  /** `sources` of the status entry, e.g. "kusto:gh-analytics/ace" */
  readonly sources: readonly string[];
  /**
   * The source vouches that the committed file is current (Kusto: nothing ingested since a trusted watermark): the
   * core does not stage `rows`; it reports `unchanged` for the committed file when that file is the one the status
   * records, and stages `rows` as usual otherwise.
   */
  readonly current?: boolean;
  /** called after every row was consumed */
  outcome?(): DatasetOutcome;
  /** per-run details for sync-run.json and the job summary (requests, partitions, attempts…) */
  details?(): Readonly<Record<string, number | string>>;
}

export interface Source {
  /** "kusto", "github", "derived" */
  readonly name: string;
  /** datasets this source produces, in run order */
  readonly datasets: readonly string[];
  /**
   * Starts producing one dataset. Throw `SyncRefusal` for a guard (old file kept), `SyncSkip` to skip,
   * anything else fails the dataset. Errors thrown while iterating `rows` are classified the same way.
   */
  dataset(name: string, ctx: SyncContext): Promise<DatasetRun>;
  /** releases connections once every dataset of the run is done */
  close?(): Promise<void>;
}

/** A guard refused the data (schema drift, partial upstream failure, invalid rows): the old file stays. */
export class SyncRefusal extends Error {
  override readonly name = "SyncRefusal";
}

/** The dataset was not run (source not configured or not implemented yet). */
export class SyncSkip extends Error {
  override readonly name = "SyncSkip";
}

/** A source's declared placeholder: every dataset reports `skipped` with `reason`. */
export function placeholderSource(name: string, datasets: readonly string[], reason: string): Source {
  return {
    name,
    datasets,
    dataset: async () => {
      throw new SyncSkip(reason);
    },
  };
}
