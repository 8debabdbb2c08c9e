/**
 * Deterministic dataset writer: the same rows in any order → byte-identical files. Rows are sorted by the primary
 * key (in memory when they fit in one chunk; otherwise sorted in chunks spilled to temporary run files and k-way
 * merged, so memory stays bounded), formatted canonically once, checked for duplicate keys, and written to temporary
 * files beside the target — one file, or the partitions of ./files.ts (months always; fiscal years when the file would
 * exceed the schema's `maxFileBytes`: the size is known before the final pass). Nothing replaces the committed file
 * until `commit()`.
 */

import { mkdirSync, rmSync } from "node:fs";
import { compareValues, type RowComparator } from "./compare.ts";
import { crashPoint } from "./crash.ts";
import { type Chunk, Input, type RowSource, readChunk, type Scratch } from "./csv-chunks.ts";
import { compareKeys, type Head, keyValue, RunFile, RunReader, siftDown } from "./csv-runs.ts";
import { csvLine, FinalFiles, type FinalLayout, type StagedDataset } from "./csv-sink.ts";
import { isMonthly, partitionOf, singleFilePath, splitAboveBytes, tempPathFor } from "./files.ts";
import { formatCell, type Row, type Value } from "./format.ts";
import type { DatasetSchema, FieldType } from "./schema.ts";
import { CellChecks } from "./validate.ts";

export type { StagedDataset } from "./csv-sink.ts";

export interface WriteOptions {
  /** rows held in memory before a sorted run is spilled to disk (default 200,000) */
  readonly chunkRows?: number;
  /** override the schema's fiscal-year partitioning threshold (tests; month partitioning ignores it) */
  readonly maxFileBytes?: number;
}

/** What the writer needs of a schema, worked out once per dataset. */
interface Layout extends FinalLayout {
  readonly cmp: RowComparator;
  readonly keyIdx: readonly number[];
  readonly keyTypes: readonly FieldType[];
  /** the primary key's field names */
  readonly keyNames: readonly string[];
  /** the partitioning field's column, or -1 */
  readonly partIdx: number;
  /** the environment crash points read, captured once (not read per row) */
  readonly crashEnv: NodeJS.ProcessEnv;
  /** the validator's cell checks (core/validate.ts), applied to every cell as it is formatted */
  readonly checks: CellChecks;
  /** every cell so far passed `checks` and the keys rose strictly: see {@link StagedDataset.checked} */
  clean: boolean;
}

/** Writes rows to temporary files and returns a handle to commit or discard them. */
export async function stageDataset(
  dataDir: string,
  schema: DatasetSchema,
  rows: RowSource,
  opts: WriteOptions = {},
): Promise<StagedDataset> {
  mkdirSync(dataDir, { recursive: true });
  const names = schema.fields.map((f) => f.name);
  const keyIdx = schema.primaryKey.map((k) => names.indexOf(k));
  const lay: Layout = {
    schema,
    dataDir,
    cmp: rowComparator(schema.primaryKey),
    header: names,
    keyIdx,
    keyTypes: keyIdx.map((i) => schema.fields[i]?.type ?? "string"),
    keyNames: schema.primaryKey,
    partIdx: schema.partitioning ? names.indexOf(schema.partitioning.field) : -1,
    maxFileBytes: splitAboveBytes(schema, csvLine(names), opts.maxFileBytes),
    crashEnv: { ACE_CRASH_AT: process.env.ACE_CRASH_AT },
    checks: new CellChecks(schema),
    clean: true,
  };
  const chunkRows = opts.chunkRows ?? 200_000;
  const target = singleFilePath(dataDir, schema);
  const runs: Run[] = [];
  try {
    const input = new Input(rows);
    const scratch: Scratch = { rows: [], keys: [], order: [] };
    for (;;) {
      const chunk = await readChunk(lay, input, chunkRows, scratch);
      if (input.done && runs.length === 0) return await fromMemory(lay, chunk);
      if (chunk.rows.length > 0) runs.push(writeRun(lay, target, chunk));
      if (input.done) break;
    }
    return await merge(lay, runs);
  } finally {
    for (const r of runs) rmSync(r.path, { force: true });
  }
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

/**
 * The primary-key order of core/compare.ts (keyComparator: the same result for every pair of rows), with the usual
 * case — two different strings — decided inline instead of through compareValues.
 */
function rowComparator(keys: readonly string[]): RowComparator {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k];
      const y = b[k];
      if (x === y) continue;
      if (typeof x === "string" && typeof y === "string") return x < y ? -1 : 1;
      const c = compareValues(x, y);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/**
 * The file a row of the output belongs in, for messages: its month's partition (`individual_exams/2024-05.csv`), else
 * the dataset's file. Never a value of the row and never a line number: the writer's errors are raised before anything
 * is written, so no file holds the row yet (messages go public: docs/privacy.md).
 */
function fileOf(s: DatasetSchema, partCell: string): string {
  if (!isMonthly(s.partitioning)) return s.path;
  try {
    return `${s.name}/${partitionOf(s, partCell === "" ? null : partCell)}.csv`;
  } catch {
    return `${s.name}/ (no month: ${s.partitioning.field} is not a date)`;
  }
}

/** Two rows of the output with the same primary key: where each belongs, the rule, and that nothing was written. */
function duplicate(s: DatasetSchema, firstPart: string, secondPart: string): Error {
  const [a, b] = [fileOf(s, firstPart), fileOf(s, secondPart)].sort();
  return new Error(
    `${s.name}: duplicate primary key (${s.primaryKey.join(", ")}): two rows of this sync's output share a key ` +
      `(${a === b ? `both for ${a}` : `for ${a} and ${b}`}); nothing was written`,
  );
}

const outOfOrder = (s: DatasetSchema): Error =>
  new Error(`${s.name}: internal error: rows out of order in the writer; nothing was written`);

function cellsOf(schema: DatasetSchema, row: Row): string[] {
  const fields = schema.fields;
  const cells = new Array<string>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as DatasetSchema["fields"][number];
    try {
      cells[i] = formatCell(f, row[f.name]);
    } catch (err) {
      throw new Error(`${schema.name}: column ${i + 1} (${f.name}): ${(err as Error).message}; nothing was written`);
    }
  }
  return cells;
}

/**
 * The validator's checks of one formatted row (core/validate.ts): every cell, and its key parsed back (what the file
 * reads back as) strictly above the previous row's. The first failure marks the dataset unclean: the core then validates
 * the staged files by reading them back, which reports the problems as file:line:column.
 */
function check(
  lay: Layout,
  cells: readonly string[],
  prevKeys: Value[] | undefined,
  stringKeys: boolean,
): Value[] | undefined {
  for (let i = 0; i < cells.length; i++) {
    if (lay.checks.reason(i, cells[i] ?? "") !== undefined) {
      lay.clean = false;
      return undefined;
    }
  }
  // string keys (Chunk.keys): the key cells are those strings, which rose strictly (the duplicate check)
  if (stringKeys) return undefined;
  const keys = lay.keyIdx.map((k, i) => keyValue(lay.keyTypes[i] ?? "string", cells[k] ?? ""));
  if (prevKeys !== undefined && compareKeys(prevKeys, keys) >= 0) lay.clean = false;
  return keys;
}

/** Checks a sorted chunk's neighbours (duplicate key, order); formats each row: `out(line, partition cell, cells)`. */
function formatted(lay: Layout, chunk: Chunk, out: (line: string, part: string, cells: string[]) => void): void {
  const { rows: sorted, keys } = chunk;
  const partOf = (cells: readonly string[]): string => (lay.partIdx >= 0 ? (cells[lay.partIdx] ?? "") : "");
  let prev: Row | undefined;
  let prevPart = "";
  let prevKeys: Value[] | undefined;
  for (let r = 0; r < sorted.length; r++) {
    const row = sorted[r] as Row;
    const cells = cellsOf(lay.schema, row);
    const part = partOf(cells);
    if (prev) {
      const c = keys ? compareStrings(keys[r - 1] as string, keys[r] as string) : lay.cmp(prev, row);
      if (c === 0) throw duplicate(lay.schema, prevPart, part);
      if (c > 0) throw outOfOrder(lay.schema);
    }
    if (lay.clean) prevKeys = check(lay, cells, prevKeys, keys !== undefined);
    crashPoint("stage-row", lay.crashEnv);
    prev = row;
    prevPart = part;
    out(csvLine(cells), part, cells);
  }
}

/** All rows arrived within one chunk: formatted in memory and written straight to the final files. */
async function fromMemory(lay: Layout, sorted: Chunk): Promise<StagedDataset> {
  const lines: string[] = [];
  const parts: string[] = [];
  let bytes = Buffer.byteLength(csvLine(lay.header));
  formatted(lay, sorted, (line, part) => {
    lines.push(line);
    parts.push(part);
    bytes += Buffer.byteLength(line);
  });
  const out = new FinalFiles(lay, bytes);
  try {
    for (let i = 0; i < lines.length; i++) out.add(lines[i] ?? "", parts[i] ?? "");
    return await out.finish(lay.clean);
  } catch (err) {
    out.abort();
    throw err;
  }
}

interface Run {
  readonly path: string;
  /** UTF-8 bytes of the run's CSV lines */
  readonly lineBytes: number;
}

/** Writes a sorted chunk as a run: per row its key cells, its partition cell (partitioned schemas) and its line. */
function writeRun(lay: Layout, target: string, sorted: Chunk): Run {
  const run = new RunFile(tempPathFor(target, "run"));
  let lineBytes = 0;
  try {
    const rec: string[] = [];
    formatted(lay, sorted, (line, part, cells) => {
      rec.length = 0;
      for (const i of lay.keyIdx) rec.push(cells[i] ?? "");
      if (lay.partIdx >= 0) rec.push(part);
      rec.push(line);
      run.add(rec);
      lineBytes += Buffer.byteLength(line);
    });
    run.finish();
    return { path: run.path, lineBytes };
  } catch (err) {
    run.abort();
    rmSync(run.path, { force: true });
    throw err;
  }
}

/** k-way merge of the runs (a binary heap of their heads) into the final files, rejecting duplicate keys. */
async function merge(lay: Layout, runs: readonly Run[]): Promise<StagedDataset> {
  const texts = lay.keyIdx.length + (lay.partIdx >= 0 ? 1 : 0);
  const readers: RunReader[] = [];
  let bytes = Buffer.byteLength(csvLine(lay.header));
  for (const r of runs) bytes += r.lineBytes;
  const out = new FinalFiles(lay, bytes);
  try {
    for (const r of runs) readers.push(new RunReader(r.path));
    const read = (run: number): Head | undefined => {
      const rec = readers[run]?.next(texts);
      if (rec === undefined) return undefined;
      const keys = lay.keyTypes.map((t, i) => keyValue(t, rec.texts[i] ?? ""));
      return { keys, part: lay.partIdx >= 0 ? (rec.texts[keys.length] ?? "") : "", line: rec.line, run };
    };
    const heap: Head[] = [];
    for (let i = 0; i < readers.length; i++) {
      const h = read(i);
      if (h) heap.push(h);
    }
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
    let prev: Head | undefined;
    for (;;) {
      const top = heap[0];
      if (top === undefined) break;
      if (prev) {
        const c = compareKeys(prev.keys, top.keys);
        if (c === 0) throw duplicate(lay.schema, prev.part, top.part);
        if (c > 0) throw outOfOrder(lay.schema);
      }
      out.add(top.line, top.part);
      crashPoint("stage-row", lay.crashEnv);
      prev = top;
      const next = read(top.run);
      if (next) heap[0] = next;
      else {
        const last = heap.pop();
        if (heap.length > 0 && last) heap[0] = last;
      }
      siftDown(heap, 0);
    }
    // the merge refused any key not strictly above the previous one (keys parsed back as the validator does)
    return await out.finish(lay.clean);
  } catch (err) {
    out.abort();
    throw err;
  } finally {
    for (const r of readers) r.close();
  }
}

const compareStrings = (x: string, y: string): number => (x === y ? 0 : x < y ? -1 : 1);
