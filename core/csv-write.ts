/**
 * Deterministic dataset writer: the same rows in any order → byte-identical files. Rows are sorted by the primary
 * key (streamed straight through when they already arrive in order; otherwise sorted in chunks spilled to temporary
 * run files and k-way merged, so memory stays bounded), formatted canonically, checked for duplicate keys, and
 * written to temporary files beside the target. Nothing replaces the committed file until `commit()` renames.
 */

import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { keyComparator, type RowComparator } from "./compare.ts";
import { crashPoint } from "./crash.ts";
import { readDatasetFile } from "./csv-read.ts";
import { CsvSink } from "./csv-sink.ts";
import { partitionDir, partitionOf, singleFilePath, tempPathFor } from "./files.ts";
import { formatCell, type Row } from "./format.ts";
import type { DatasetSchema } from "./schema.ts";

export interface StagedDataset {
  readonly name: string;
  readonly rows: number;
  readonly bytes: number;
  /** sha256 of the file, or of the partition files concatenated in name order */
  readonly sha256: string;
  /** final path → temporary path */
  readonly files: ReadonlyMap<string, string>;
  readonly partitioned: boolean;
  /** Atomically renames every temporary file into place and removes files of the other layout. */
  commit(): void;
  /** Deletes the temporary files. */
  discard(): void;
}

export interface WriteOptions {
  /** rows held in memory before a sorted run is spilled to disk (default 200,000) */
  readonly chunkRows?: number;
  /** override the schema's partitioning threshold (tests) */
  readonly maxFileBytes?: number;
}

type RowSource = Iterable<Row> | AsyncIterable<Row>;

/** Writes rows to temporary files and returns a handle to commit or discard them. */
export async function stageDataset(
  dataDir: string,
  schema: DatasetSchema,
  rows: RowSource,
  opts: WriteOptions = {},
): Promise<StagedDataset> {
  mkdirSync(dataDir, { recursive: true });
  const finalSingle = singleFilePath(dataDir, schema);
  const cmp = keyComparator(schema);
  const runs = await sortedRuns(finalSingle, schema, rows, cmp, opts.chunkRows ?? 200_000);
  const merged = runs.length === 1 && runs[0] ? runs[0] : await mergeRuns(finalSingle, schema, runs, cmp);
  crashPoint("stage-written");
  const max = opts.maxFileBytes ?? schema.partitioning?.maxFileBytes;
  if (schema.partitioning && max !== undefined && merged.bytes > max) {
    return splitPartitions(dataDir, schema, merged.path);
  }
  const files = new Map([[finalSingle, merged.path]]);
  return staged(schema, dataDir, {
    rows: merged.rows,
    bytes: merged.bytes,
    sha256: merged.sha256,
    files,
    partitioned: false,
  });
}

/** stage + commit. */
export async function writeDataset(
  dataDir: string,
  schema: DatasetSchema,
  rows: RowSource,
  opts: WriteOptions = {},
): Promise<StagedDataset> {
  const s = await stageDataset(dataDir, schema, rows, opts);
  s.commit();
  return s;
}

interface Written {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

function header(schema: DatasetSchema): string[] {
  return schema.fields.map((f) => f.name);
}

/** Where a bad row sits (dataset, file, line of the sorted output, column), never its values: messages go public. */
const where = (s: DatasetSchema, line: number, col = 1): string => `${s.name}: ${s.path}:${line}:${col}`;

function cellsOf(schema: DatasetSchema, row: Row, line: number): string[] {
  return schema.fields.map((f, i) => {
    try {
      return formatCell(f, row[f.name]);
    } catch (err) {
      throw new Error(`${where(schema, line, i + 1)}: ${(err as Error).message}`);
    }
  });
}

/** Writes sorted rows to a new temp file, rejecting duplicate keys. */
async function writeSorted(
  target: string,
  schema: DatasetSchema,
  rows: RowSource,
  cmp: RowComparator,
): Promise<Written> {
  const path = tempPathFor(target);
  const sink = new CsvSink(path, header(schema));
  let prev: Row | undefined;
  const dup = `duplicate primary key (${schema.primaryKey.join(", ")})`;
  try {
    for await (const row of rows) {
      const line = sink.rows + 2;
      if (prev && cmp(prev, row) === 0) throw new Error(`${where(schema, line)}: ${dup}, first at line ${line - 1}`);
      if (prev && cmp(prev, row) > 0) throw new Error(`${where(schema, line)}: internal error: rows out of order`);
      await sink.write(cellsOf(schema, row, line));
      crashPoint("stage-row");
      prev = row;
    }
    const sha256 = await sink.finish();
    return { path, rows: sink.rows, bytes: sink.bytes, sha256 };
  } catch (err) {
    await sink.abort();
    rmSync(path, { force: true });
    throw err;
  }
}

/** Splits the input into sorted runs on disk. In-order input becomes exactly one run, streamed without buffering. */
async function sortedRuns(
  target: string,
  schema: DatasetSchema,
  rows: RowSource,
  cmp: RowComparator,
  chunkRows: number,
): Promise<Written[]> {
  const runs: Written[] = [];
  const iterator = toAsyncIterator(rows);
  try {
    let pending: Row | undefined;
    for (;;) {
      // Buffer up to one chunk; if it is already sorted and it is the first run, stream the rest straight through.
      const buf: Row[] = pending ? [pending] : [];
      pending = undefined;
      let inOrder = true;
      let done = false;
      while (buf.length < chunkRows) {
        const n = await iterator.next();
        if (n.done) {
          done = true;
          break;
        }
        const last = buf[buf.length - 1];
        if (last && cmp(last, n.value) > 0) inOrder = false;
        buf.push(n.value);
      }
      if (!inOrder) buf.sort(cmp);
      if (done || !inOrder || runs.length > 0) {
        runs.push(await writeSorted(target, schema, buf, cmp));
        if (done) return runs;
        continue;
      }
      // First chunk in order and more to come: stream while order holds.
      const tail: Row[] = [];
      const stream = async function* (): AsyncGenerator<Row> {
        yield* buf;
        let last = buf[buf.length - 1];
        for (;;) {
          const n = await iterator.next();
          if (n.done) return;
          if (last && cmp(last, n.value) > 0) {
            tail.push(n.value);
            return;
          }
          last = n.value;
          yield n.value;
        }
      };
      runs.push(await writeSorted(target, schema, stream(), cmp));
      if (tail.length === 0) return runs;
      pending = tail[0];
    }
  } catch (err) {
    for (const r of runs) rmSync(r.path, { force: true });
    throw err;
  }
}

function toAsyncIterator(rows: RowSource): AsyncIterator<Row> {
  if (Symbol.asyncIterator in rows) return rows[Symbol.asyncIterator]();
  const it = rows[Symbol.iterator]();
  return { next: async () => it.next() };
}

/** k-way merge of sorted run files into one new temp file; the runs are deleted. */
async function mergeRuns(
  target: string,
  schema: DatasetSchema,
  runs: readonly Written[],
  cmp: RowComparator,
): Promise<Written> {
  const readers = runs.map((r) => readDatasetFile(r.path, schema));
  const heads: (Row | undefined)[] = await Promise.all(readers.map(async (r) => (await r.next()).value ?? undefined));
  async function* merged(): AsyncGenerator<Row> {
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        const b = best >= 0 ? heads[best] : undefined;
        if (h && (!b || cmp(h, b) < 0)) best = i;
      }
      const reader = readers[best];
      const row = heads[best];
      if (best < 0 || !reader || !row) return;
      yield row;
      heads[best] = (await reader.next()).value ?? undefined;
    }
  }
  try {
    return await writeSorted(target, schema, merged(), cmp);
  } finally {
    for (const r of runs) rmSync(r.path, { force: true });
  }
}

/** Re-reads a sorted single temp file into per-fiscal-year partition temp files. */
async function splitPartitions(dataDir: string, schema: DatasetSchema, tempSingle: string): Promise<StagedDataset> {
  const field = schema.partitioning?.field ?? "fiscal_year";
  const dir = partitionDir(dataDir, schema);
  mkdirSync(dir, { recursive: true });
  const sinks = new Map<string, CsvSink>();
  try {
    for await (const row of readDatasetFile(tempSingle, schema)) {
      const part = partitionOf(schema, row[field]);
      let sink = sinks.get(part);
      if (!sink) {
        sink = new CsvSink(tempPathFor(join(dir, `${part}.csv`)), header(schema));
        sinks.set(part, sink);
      }
      await sink.write(cellsOf(schema, row, sink.rows + 2));
    }
    const files = new Map<string, string>();
    let rows = 0;
    let bytes = 0;
    for (const part of [...sinks.keys()].sort()) {
      const sink = sinks.get(part);
      if (!sink) continue;
      await sink.finish();
      files.set(join(dir, `${part}.csv`), sink.path);
      rows += sink.rows;
      bytes += sink.bytes;
    }
    const h = createHash("sha256");
    for (const tmp of files.values()) for await (const c of createReadStream(tmp)) h.update(c as Buffer);
    return staged(schema, dataDir, { rows, bytes, sha256: h.digest("hex"), files, partitioned: true });
  } catch (err) {
    for (const s of sinks.values()) {
      await s.abort();
      rmSync(s.path, { force: true });
    }
    throw err;
  } finally {
    rmSync(tempSingle, { force: true });
  }
}

function staged(
  schema: DatasetSchema,
  dataDir: string,
  s: { rows: number; bytes: number; sha256: string; files: Map<string, string>; partitioned: boolean },
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
          if (/^FY\d{2}\.csv$/.test(f) && !s.files.has(p)) unlinkSync(p);
        }
        if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
      }
    },
    discard() {
      for (const tmp of s.files.values()) rmSync(tmp, { force: true });
    },
  };
}
