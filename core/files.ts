/** Where a dataset lives on disk: `data/<name>.csv`, or fiscal-year partitions `data/<name>/<FYxx>.csv`. */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fiscalYear } from "./fiscal.ts";
import type { DatasetSchema } from "./schema.ts";

export interface DatasetFiles {
  readonly partitioned: boolean;
  /** absolute paths, in partition-name order */
  readonly files: readonly string[];
}

export function singleFilePath(dataDir: string, schema: Pick<DatasetSchema, "name">): string {
  return join(dataDir, `${schema.name}.csv`);
}

export function partitionDir(dataDir: string, schema: Pick<DatasetSchema, "name">): string {
  return join(dataDir, schema.name);
}

/** The files currently holding a dataset (empty when it has never been written). */
export function datasetFiles(dataDir: string, schema: Pick<DatasetSchema, "name">): DatasetFiles {
  const single = singleFilePath(dataDir, schema);
  if (existsSync(single)) return { partitioned: false, files: [single] };
  const dir = partitionDir(dataDir, schema);
  if (existsSync(dir)) {
    const files = readdirSync(dir)
      .filter((f) => /^FY\d{2}\.csv$/.test(f))
      .sort()
      .map((f) => join(dir, f));
    return { partitioned: true, files };
  }
  return { partitioned: false, files: [] };
}

/** sha256 of a dataset: of its file, or of its partition files concatenated in name order. Undefined when absent. */
export async function hashDataset(dataDir: string, schema: Pick<DatasetSchema, "name">): Promise<string | undefined> {
  const { files } = datasetFiles(dataDir, schema);
  if (files.length === 0) return undefined;
  const h = createHash("sha256");
  for (const f of files) {
    for await (const chunk of createReadStream(f)) h.update(chunk as Buffer);
  }
  return h.digest("hex");
}

/** A temporary path in the same directory as `finalPath`, so rename is atomic. */
export function tempPathFor(finalPath: string, tag = "tmp"): string {
  const dir = finalPath.slice(0, finalPath.lastIndexOf("/") + 1);
  const base = finalPath.slice(finalPath.lastIndexOf("/") + 1);
  return `${dir}.${base}.${process.pid}.${randomBytes(4).toString("hex")}.${tag}`;
}

/**
 * The fiscal-year partition a row belongs to: the partitioning field's value when it is already a fiscal year
 * ("FY26"), else the fiscal year of that date/datetime value.
 */
export function partitionOf(schema: Pick<DatasetSchema, "partitioning" | "name">, value: unknown): string {
  const v = String(value ?? "");
  if (/^FY\d{2}$/.test(v)) return v;
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return fiscalYear(v.length === 10 ? v : `${v.slice(0, 19)}Z`);
  throw new Error(
    `${schema.name}: cannot partition by ${schema.partitioning?.field ?? "?"}: the value is neither FYxx nor a date`,
  );
}
