/** Deterministic CSV I/O for datasets: one import for writers and readers. */
export { type RawRecord, readAll, readDataset, readDatasetFile, readRawRecords } from "./csv-read.ts";
export { type StagedDataset, stageDataset, type WriteOptions, writeDataset } from "./csv-write.ts";
export { datasetFiles, hashDataset } from "./files.ts";
export { formatCell, formatDate, formatDateTime, parseCell, type Row, type Value } from "./format.ts";
