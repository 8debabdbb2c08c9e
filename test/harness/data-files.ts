/**
 * A dataset's committed files, whatever their layout (one `<name>.csv`, or `<name>/<YYYY-MM>.csv` month partitions,
 * core/files.ts): for tests that compare or edit the bytes of a dataset.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { datasetFiles } from "#core/files.ts";

/** Paths of the dataset's files relative to the data dir, in name order. */
export function datasetPaths(dataDir: string, name: string): string[] {
  return datasetFiles(dataDir, { name }).files.map((f) => relative(dataDir, f));
}

/** Every file of the dataset as `== <path>` and its content, in name order ("" when it has none). */
export function datasetText(dataDir: string, name: string): string {
  return datasetFiles(dataDir, { name })
    .files.map((f) => `== ${relative(dataDir, f)}\n${readFileSync(f, "utf8")}`)
    .join("");
}

/** The dataset's last file in name order (the newest month of a month-partitioned dataset). */
export function lastDatasetFile(dataDir: string, name: string): string {
  const files = datasetFiles(dataDir, { name }).files;
  const last = files[files.length - 1];
  if (last === undefined) throw new Error(`${dataDir}: dataset ${name} has no file`);
  return last;
}
