/**
 * The files the deterministic writer (./csv-write.ts) produces, written synchronously through ./buffered-file.ts (its
 * sorted runs: ./csv-runs.ts):
 * - `FinalFiles`: the staged dataset — one CSV, or its partitions (months or fiscal years: ./files.ts);
 * - `CsvSink`: one CSV — RFC 4180 quoting exactly as csv-stringify applied it before (a cell is quoted only
 *   when it holds `,` `"` CR or LF; `"` doubled), LF after every record, UTF-8 without BOM; hashes (sha256) and counts
 *   as it goes, fsyncs before it closes so a rename after it is durable;
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { BufferedFile } from "./buffered-file.ts";
import { crashPoint } from "./crash.ts";
import { isMonthly, isPartitionFile, partitionDir, partitionOf, singleFilePath, tempPathFor } from "./files.ts";
import { quoteCsv } from "./format.ts";
import type { DatasetSchema } from "./schema.ts";
import { safePartition } from "./validate.ts";

/** One CSV record: cells quoted as needed, joined by commas, ended by LF (one flat string, not a chain of pieces). */
export function csvLine(cells: readonly string[]): string {
  const n = cells.length;
  if (n === 0) return "\n";
  const q = new Array<string>(n);
  for (let i = 0; i < n; i++) q[i] = quoteCsv(cells[i] ?? "");
  q[n - 1] += "\n";
  return q.join(",");
}

/**
 * The buffer of each partition file: they are written side by side (rows in key order go to any month), so at scale M
 * ~65 × 1 MiB buffers added ~65 MiB to the sync's peak RSS; 64 KiB still writes the largest month (6 MB) in ~100
 * writes.
 */
export const PARTITION_BUFFER_BYTES = 1 << 16;

export class CsvSink {
  readonly path: string;
  rows = 0;
  readonly #file: BufferedFile;

  /** `bufferBytes`: see BufferedFile (partitions written side by side take PARTITION_BUFFER_BYTES) */
  constructor(path: string, header: readonly string[], bufferBytes?: number) {
    this.path = path;
    this.#file = new BufferedFile(path, true, bufferBytes);
    this.#file.append(csvLine(header));
  }

  /** bytes written (complete after finish) */
  get bytes(): number {
    return this.#file.bytes;
  }

  /** One record already formatted by {@link csvLine} (as text, or its UTF-8 bytes). */
  writeLine(line: string | Uint8Array): void {
    this.rows++;
    if (typeof line === "string") this.#file.append(line);
    else this.#file.appendBytes(line);
  }

  write(cells: readonly string[]): void {
    this.writeLine(csvLine(cells));
  }

  /** Flushes, fsyncs and closes; the file's sha256. */
  finish(): string {
    return this.#file.close(true);
  }

  /** Closes without caring about the content (error paths). */
  abort(): void {
    this.#file.abort();
  }
}

export interface StagedDataset {
  readonly name: string;
  readonly rows: number;
  readonly bytes: number;
  /** sha256 of the file, or of the partition files concatenated in name order */
  readonly sha256: string;
  /** final path → temporary path */
  readonly files: ReadonlyMap<string, string>;
  readonly partitioned: boolean;
  /**
   * The writer applied the validator's checks to every row as it formatted it (cells, key order, partition) and found
   * nothing: validating the files (core/validate.ts) would report no problem. False: validate the files.
   */
  readonly checked: boolean;
  /** Atomically renames every temporary file into place and removes files of the other layout. */
  commit(): void;
  /** Deletes the temporary files. */
  discard(): void;
}

/** What the final files need of the dataset. */
export interface FinalLayout {
  readonly schema: DatasetSchema;
  readonly dataDir: string;
  readonly header: readonly string[];
  /** the single file's size above which it is split (./files.ts splitAboveBytes), undefined: never */
  readonly maxFileBytes: number | undefined;
}

/** The final temporary files: one CSV, or one per partition when the one would exceed maxFileBytes. */
export class FinalFiles {
  readonly #lay: FinalLayout;
  readonly #single: CsvSink | undefined;
  readonly #parts = new Map<string, CsvSink>();
  /** partition cell (month layout: its first 10 characters) → partition name */
  readonly #names = new Map<string, string>();
  readonly #dir: string;
  readonly #monthly: boolean;
  /** a partition cell the validator would place in another file than this writer did */
  #misplaced = false;
  rows = 0;

  constructor(lay: FinalLayout, singleBytes: number) {
    this.#lay = lay;
    this.#dir = partitionDir(lay.dataDir, lay.schema);
    this.#monthly = isMonthly(lay.schema.partitioning);
    const split = lay.maxFileBytes !== undefined && singleBytes > lay.maxFileBytes;
    if (split) mkdirSync(this.#dir, { recursive: true });
    else this.#single = new CsvSink(tempPathFor(singleFilePath(lay.dataDir, lay.schema)), lay.header);
  }

  add(line: string | Uint8Array, partCell: string): void {
    this.rows++;
    if (this.#single) {
      this.#single.writeLine(line);
      return;
    }
    // a month partition depends on a cell's first 10 characters only (files.ts monthOf: a date's, a datetime's; a week
    // is 8): keyed by them, the names are one per day, not one per distinct datetime (each a miss, millions at M)
    const cell = this.#monthly && partCell.length > 10 ? partCell.slice(0, 10) : partCell;
    let name = this.#names.get(cell);
    if (name === undefined) {
      name = partitionOf(this.#lay.schema, cell === "" ? null : cell);
      this.#names.set(cell, name);
      if (safePartition(this.#lay.schema, cell) !== name) this.#misplaced = true;
    }
    let sink = this.#parts.get(name);
    if (!sink) {
      sink = new CsvSink(tempPathFor(join(this.#dir, `${name}.csv`)), this.#lay.header, PARTITION_BUFFER_BYTES);
      this.#parts.set(name, sink);
    }
    sink.writeLine(line);
  }

  /** `checked`: every row passed the validator's checks as it was formatted (see StagedDataset.checked). */
  async finish(checked: boolean): Promise<StagedDataset> {
    const { schema, dataDir } = this.#lay;
    if (this.#single) {
      const sha256 = this.#single.finish();
      crashPoint("stage-written");
      const files = new Map([[singleFilePath(dataDir, schema), this.#single.path]]);
      return staged(schema, dataDir, {
        rows: this.rows,
        bytes: this.#single.bytes,
        sha256,
        files,
        partitioned: false,
        checked,
      });
    }
    const files = new Map<string, string>();
    let bytes = 0;
    for (const name of [...this.#parts.keys()].sort()) {
      const sink = this.#parts.get(name);
      if (!sink) continue;
      sink.finish();
      files.set(join(this.#dir, `${name}.csv`), sink.path);
      bytes += sink.bytes;
    }
    crashPoint("stage-written");
    const h = createHash("sha256");
    for (const tmp of files.values()) for await (const c of createReadStream(tmp)) h.update(c as Buffer);
    return staged(schema, dataDir, {
      rows: this.rows,
      bytes,
      sha256: h.digest("hex"),
      files,
      partitioned: true,
      checked: checked && !this.#misplaced,
    });
  }

  abort(): void {
    for (const s of [this.#single, ...this.#parts.values()]) {
      if (!s) continue;
      s.abort();
      rmSync(s.path, { force: true });
    }
    if (!this.#single) removeIfEmpty(this.#dir);
  }
}

/** Removes a partition directory the staging created and left empty (a discarded or failed first write). */
function removeIfEmpty(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}

function staged(
  schema: DatasetSchema,
  dataDir: string,
  s: Omit<StagedDataset, "name" | "commit" | "discard">,
): StagedDataset {
  return {
    name: schema.name,
    ...s,
    commit() {
      for (const [final, tmp] of s.files) {
        mkdirSync(dirname(final), { recursive: true });
        crashPoint("commit-rename");
        renameSync(tmp, final);
      }
      crashPoint("commit-cleanup");
      // Remove the other layout and partitions that no longer exist.
      const dir = partitionDir(dataDir, schema);
      const single = singleFilePath(dataDir, schema);
      if (s.partitioned && existsSync(single)) unlinkSync(single);
      if (existsSync(dir)) {
        for (const f of readdirSync(dir)) {
          const p = join(dir, f);
          if (isPartitionFile(f) && !s.files.has(p)) unlinkSync(p);
        }
        if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
      }
    },
    discard() {
      for (const tmp of s.files.values()) rmSync(tmp, { force: true });
      removeIfEmpty(partitionDir(dataDir, schema));
    },
  };
}
