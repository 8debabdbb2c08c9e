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

/**
 * Raw records of one CSV file, header included (line 1), with their line numbers. Throws
 * `file:line:column: CSV syntax error: reason` on bad quoting; a quoted field left open (or one that spans lines and
 * then breaks) is reported where its opening quote is, not where the parser gave up.
 */
export async function* readRawRecords(file: string): AsyncGenerator<RawRecord> {
  const parser = createReadStream(file).pipe(
    parse({ relax_column_count: true, info: true, bom: false, skip_empty_lines: false }),
  );
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>) {
      yield { file, line: rec.info.lines - countNewlines(rec.record), cells: rec.record };
    }
  } catch (err) {
    throw await syntaxError(file, err);
  }
}

async function syntaxError(file: string, err: unknown): Promise<Error> {
  const e = err as { code?: string; lines?: number; message?: string };
  const reason = e.message ?? String(err);
  const stopped = e.lines ?? 0;
  if (e.code === "CSV_QUOTE_NOT_CLOSED" || e.code === "CSV_INVALID_CLOSING_QUOTE") {
    const open = await findOpenQuote(file).catch(() => undefined);
    const fix = `close the quote or escape inner quotes as ""`;
    const at = open && `${file}:${open.line}:${open.column}: CSV syntax error`;
    if (open && e.code === "CSV_QUOTE_NOT_CLOSED") {
      return new Error(
        `${at}: unterminated quoted field starting at line ${open.line}, column ${open.column} (still open where parsing stopped, line ${stopped}): ${fix}`,
      );
    }
    if (open && open.line < stopped) {
      return new Error(
        `${at}: quoted field starting at line ${open.line}, column ${open.column} is not closed properly (parsing stopped at line ${stopped}: ${reason}): ${fix}`,
      );
    }
  }
  return new Error(`${file}:${e.lines ?? "?"}:1: CSV syntax error: ${reason}`);
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Where the first quoted field that is not closed properly opens (RFC 4180, as csv-parse reads our files): its
 * physical line and its field number in the record (1-based). Streams the file; used only to explain a syntax error.
 */
export async function findOpenQuote(file: string): Promise<{ line: number; column: number } | undefined> {
  let line = 1;
  let column = 1;
  let state: "start" | "unquoted" | "quoted" | "quote" = "start";
  let open = { line: 0, column: 0 };
  for await (const chunk of createReadStream(file, { encoding: "utf8" }) as AsyncIterable<string>) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (state === "quoted") {
        if (c === QUOTE) state = "quote";
        else if (c === LF) line++;
        continue;
      }
      if (state === "quote") {
        if (c === QUOTE) {
          state = "quoted"; // an escaped quote ""
          continue;
        }
        if (c !== COMMA && c !== LF && c !== CR) return open; // a closing quote followed by something else
      }
      if (c === COMMA) {
        column++;
        state = "start";
      } else if (c === LF) {
        line++;
        column = 1;
        state = "start";
      } else if (state === "start" && c === QUOTE) {
        state = "quoted";
        open = { line, column };
      } else state = "unquoted";
    }
  }
  return state === "quoted" ? open : undefined;
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
