/** The diff's result types (plain data: rendered to Markdown, printed as JSON). */

export interface CellChange {
  readonly column: string;
  /** raw CSV cells; null for personal columns, whose values are never kept */
  readonly old: string | null;
  readonly new: string | null;
}

export interface ChangedRow {
  /** readable key; personal key parts are masked */
  readonly key: string;
  readonly partition: string | null;
  readonly changes: readonly CellChange[];
}

export interface SampleRow {
  readonly key: string;
  readonly partition: string | null;
  /** non-personal columns only */
  readonly cells: Readonly<Record<string, string>>;
}

export interface RowDiff {
  rowsBase: number;
  rowsHead: number;
  added: number;
  removed: number;
  changed: number;
  /** changed rows per column */
  readonly columns: Map<string, number>;
  readonly addedSample: SampleRow[];
  readonly removedSample: SampleRow[];
  readonly changedSample: ChangedRow[];
}

export type DatasetState = "added" | "removed" | "changed" | "unchanged" | "absent";

export interface DatasetDiff {
  readonly name: string;
  readonly title: string;
  state: DatasetState;
  readonly rows: RowDiff;
  /** human-readable schema changes ("field `x` added (integer)") */
  readonly schemaChanges: string[];
  /** partitions only on one side, e.g. "FY27 added" */
  readonly partitionChanges: string[];
  /** true when the primary key contains a personal field (keys are then masked) */
  readonly personalKey: boolean;
  readonly personalColumns: readonly string[];
}

export interface KpiDelta {
  readonly file: string;
  readonly label: string;
  readonly old: string | null;
  readonly new: string | null;
  /** new − old when both are whole counts (not rates or averages): a number of people or rows; else absent */
  readonly countDelta?: number;
}

export interface StatusNote {
  readonly dataset: string;
  readonly status: string;
  readonly lastSuccessAt: string | null;
  readonly freshness: string;
  readonly error: string | null;
}

export interface DiffReport {
  readonly base: string;
  readonly head: string;
  readonly datasets: DatasetDiff[];
  readonly kpis: KpiDelta[];
  /** aggregated files added/removed/changed without numeric deltas */
  readonly aggregatedFiles: string[];
  /** other changed files of the data directory (status, sync state), e.g. "state/etags.json (new)" */
  readonly otherFiles: string[];
  readonly status: StatusNote[];
  /** true when any dataset or aggregate differs */
  readonly changed: boolean;
}

export function emptyRowDiff(): RowDiff {
  return {
    rowsBase: 0,
    rowsHead: 0,
    added: 0,
    removed: 0,
    changed: 0,
    columns: new Map(),
    addedSample: [],
    removedSample: [],
    changedSample: [],
  };
}
