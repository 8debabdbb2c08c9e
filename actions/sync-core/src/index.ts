/** The sync core shared by every source (see docs/sync.md). */
export { type DatasetOptions, type DatasetResult, runDataset } from "./dataset.ts";
export { DEFAULT_SHRINK_THRESHOLD, shrinkRefusal, validateStaged } from "./guards.ts";
export { actionsReporter, type Reporter, silentReporter, summaryMarkdown, terminalReporter } from "./report.ts";
export { RUN_RECORD, runSync, type SyncOptions, type SyncReport, selectDatasets } from "./run.ts";
export {
  type DatasetOutcome,
  type DatasetRun,
  type Logger,
  type Progress,
  placeholderSource,
  type Source,
  type SyncContext,
  SyncRefusal,
  SyncSkip,
} from "./source.ts";
