/**
 * Where a dataset lives on disk: `data/<name>.csv`; month partitions `data/<name>/<YYYY-MM>.csv` (schema
 * `partitioning.period: "month"`, always, each file with the header; rows whose partitioning field is empty in
 * `data/<name>/unknown.csv`; a dataset without rows is the header-only `data/<name>.csv`); or fiscal-year partitions
 * `data/<name>/<FYxx>.csv` once the single file would exceed `partitioning.maxFileBytes`.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fiscalYear } from "./fiscal.ts";
import type { DatasetSchema } from "./schema.ts";

/** The partition of month-partitioned rows whose partitioning field is empty. */
export const UNKNOWN_PARTITION = "unknown";

/** A partition file's name: `FYxx.csv`, `YYYY-MM.csv` or `unknown.csv`. */
export function isPartitionFile(file: string): boolean {
  return /^(?:FY\d{2}|\d{4}-\d{2}|unknown)\.csv$/.test(file);
}

type Partitioning = NonNullable<DatasetSchema["partitioning"]>;

/** The month layout: `{ field, period: "month" }`. */
export function isMonthly(p: Partitioning | undefined): p is Extract<Partitioning, { period: "month" }> {
  return p !== undefined && "period" in p;
}

/**
 * The size of the single file above which the writer splits a dataset: the schema's `maxFileBytes` (or a test's
 * override) for fiscal years; for months the header line's bytes, so any row means partitions. Undefined: never.
 */
export function splitAboveBytes(
  schema: Pick<DatasetSchema, "partitioning">,
  headerLine: string,
  override?: number,
): number | undefined {
  const p = schema.partitioning;
  if (p === undefined) return undefined;
  if (isMonthly(p)) return Buffer.byteLength(headerLine);
  return override ?? p.maxFileBytes;
}

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
      .filter(isPartitionFile)
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

/** `YYYY-MM` of a date/datetime cell, or of the Monday of an ISO week `YYYY-Www`; undefined for anything else. */
export function monthOf(cell: string): string | undefined {
  const w = /^(\d{4})-W(\d{2})$/.exec(cell);
  if (w) {
    const jan4 = Date.UTC(Number(w[1]), 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (Number(w[2]) - 1) * 7 * 86_400_000;
    return new Date(monday).toISOString().slice(0, 7);
  }
  return /^\d{4}-\d{2}-\d{2}/.test(cell) ? cell.slice(0, 7) : undefined;
}

/**
 * The partition a row belongs to, from its partitioning field's cell. Month layout: the cell's `YYYY-MM` (a week:
 * its Monday's month), `unknown` when empty. Fiscal years: the value when it is already one ("FY26"), else the fiscal
 * year of that date/datetime value.
 */
export function partitionOf(schema: Pick<DatasetSchema, "partitioning" | "name">, value: unknown): string {
  const v = String(value ?? "");
  if (isMonthly(schema.partitioning)) {
    if (v === "") return UNKNOWN_PARTITION;
    const m = monthOf(v);
    if (m !== undefined) return m;
    throw new Error(
      `${schema.name}: cannot partition by ${schema.partitioning.field}: the value is neither a date, a datetime nor an ISO week`,
    );
  }
  if (/^FY\d{2}$/.test(v)) return v;
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return fiscalYear(v.length === 10 ? v : `${v.slice(0, 19)}Z`);
  throw new Error(
    `${schema.name}: cannot partition by ${schema.partitioning?.field ?? "?"}: the value is neither FYxx nor a date`,
  );
}
