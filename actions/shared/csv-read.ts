/** Streaming, typed CSV reading against a dataset schema (csv-parse; bounded memory). */
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { datasetFiles } from "./files.ts";
import { parseCell, type Row, type Value } from "./format.ts";
import type { DatasetSchema } from "./schema.ts";

export interface RawRecord {
  readonly file: string;
  /** 1-based line where the record starts */
  readonly line: number;
  readonly cells: readonly string[];
}

/** Raw records of one CSV file, header included (line 1), with their line numbers. Throws `file:line: reason` on bad quoting. */
export async function* readRawRecords(file: string): AsyncGenerator<RawRecord> {
  const parser = createReadStream(file).pipe(
    parse({ relax_column_count: true, info: true, bom: false, skip_empty_lines: false }),
  );
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>) {
      yield { file, line: rec.info.lines - countNewlines(rec.record), cells: rec.record };
    }
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw new Error(`${file}:${e.lines ?? "?"}:1: CSV syntax error: ${e.message ?? String(err)}`);
  }
}

function countNewlines(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) for (let i = c.indexOf("\n"); i !== -1; i = c.indexOf("\n", i + 1)) n++;
  return n;
}

/** Typed rows of a dataset (all partitions), parsed per the schema. Throws `file:line:column: reason` on the first bad cell. */
export async function* readDataset(dataDir: string, schema: DatasetSchema): AsyncGenerator<Row> {
  for (const file of datasetFiles(dataDir, schema).files) yield* readDatasetFile(file, schema);
}

export async function* readDatasetFile(file: string, schema: DatasetSchema): AsyncGenerator<Row> {
  const names = schema.fields.map((f) => f.name);
  let first = true;
  for await (const rec of readRawRecords(file)) {
    if (first) {
      first = false;
      if (rec.cells.join(",") !== names.join(",")) {
        throw new Error(
          `${file}:1:1: header ${rec.cells.join(",")} does not match schema ${schema.name}: ${names.join(",")}`,
        );
      }
      continue;
    }
    if (rec.cells.length !== names.length) {
      throw new Error(`${file}:${rec.line}:1: expected ${names.length} columns, found ${rec.cells.length}`);
    }
    const row: Record<string, Value> = {};
    schema.fields.forEach((f, i) => {
      const r = parseCell(f.type, rec.cells[i] ?? "");
      if (!r.ok) throw new Error(`${file}:${rec.line}:${i + 1}: ${f.name}: ${r.reason}`);
      row[f.name] = r.value;
    });
    yield row;
  }
}

/** Reads a whole dataset into memory (small datasets and tests only). */
export async function readAll(dataDir: string, schema: DatasetSchema): Promise<Row[]> {
  const out: Row[] = [];
  for await (const r of readDataset(dataDir, schema)) out.push(r);
  return out;
}
