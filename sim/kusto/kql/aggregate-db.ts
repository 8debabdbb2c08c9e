/**
 * The aggregate database: every dataset of a data directory loaded into a columnar table named as the dataset,
 * typed from data/schema (string→string, integer→long, number→real, boolean→bool, date/datetime→datetime).
 * Empty CSV cells are "" in string columns (Kusto strings are never null) and null elsewhere.
 */

import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { readRawRecords } from "#core/csv-read.ts";
import { datasetFiles } from "#core/files.ts";
import { parseCell } from "#core/format.ts";
import { type DatasetSchema, type FieldType, loadSchemas } from "#core/schema.ts";
import type { KustoType } from "../upstream-schema.ts";
import { appendCsv, CELL, type CellType, ColumnSet } from "./csv-columns.ts";
import { ByteInterner } from "./interner.ts";
import type { Column, Table } from "./tables.ts";

export const AGGREGATE_DATABASE = "ace_data";
export const AGGREGATE_CLUSTER = "ace-data";

/** the Kusto column type of each data/schema field type (one mapping; the aggregate-query tests use it too) */
export const KUSTO_TYPE: Readonly<Record<FieldType, KustoType>> = {
  string: "string",
  integer: "long",
  number: "real",
  boolean: "bool",
  date: "datetime",
  datetime: "datetime",
};

export interface AggregateTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly table: Table;
  readonly files: number;
}

export interface AggregateDatabase {
  readonly database: string;
  readonly tables: ReadonlyMap<string, AggregateTable>;
  /** rows loaded over all tables, and the seconds it took */
  readonly rows: number;
  readonly loadSeconds: number;
}

const digits = (s: string, from: number, n: number): number => {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
};

/** Epoch ms of a canonical `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` (core/format.ts), or undefined when it is not one. */
function canonicalMs(raw: string, withTime: boolean): number | undefined {
  if (raw.length !== (withTime ? 20 : 10) || raw[4] !== "-" || raw[7] !== "-") return undefined;
  const y = digits(raw, 0, 4);
  const m = digits(raw, 5, 2);
  const d = digits(raw, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  if (!withTime) return Date.UTC(y, m - 1, d);
  if (raw[10] !== "T" || raw[13] !== ":" || raw[16] !== ":" || raw[19] !== "Z") return undefined;
  const h = digits(raw, 11, 2);
  const mi = digits(raw, 14, 2);
  const sec = digits(raw, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  return Date.UTC(y, m - 1, d, h, mi, sec);
}

/** The cell's value, or an Error saying why it is not a canonical value of its type. */
function cellValue(type: FieldType, raw: string): number | string | boolean | null | Error {
  if (raw === "") return type === "string" ? "" : null;
  if (type === "string") return raw;
  if (type === "date" || type === "datetime") {
    const ms = canonicalMs(raw, type === "datetime");
    if (ms !== undefined) return ms;
  }
  const parsed = parseCell(type, raw);
  if (!parsed.ok) return new Error(parsed.reason);
  return typeof parsed.value === "string" ? new Error(`not a canonical ${type}`) : parsed.value;
}

const CELL_OF: Readonly<Record<FieldType, CellType>> = {
  string: CELL.string,
  integer: CELL.integer,
  number: CELL.number,
  boolean: CELL.boolean,
  date: CELL.date,
  datetime: CELL.datetime,
};

const cellError = (file: string, line: number, i: number, field: string, reason: string) =>
  new Error(`${file}:${line}:${i + 1}: ${field}: ${reason} (fix the CSV or its schema in data/schema)`);

/** The general path for one file (csv-parse): what the fast path hands back, with line-exact errors. */
async function appendGeneral(file: string, schema: DatasetSchema, cols: ColumnSet, strings: ByteInterner) {
  const fields = schema.fields;
  const header = fields.map((f) => f.name).join(",");
  let first = true;
  let row = cols.length;
  for await (const rec of readRawRecords(file)) {
    if (first) {
      first = false;
      if (rec.cells.join(",") !== header)
        throw new Error(`${file}:1:1: header ${rec.cells.join(",")} does not match schema ${schema.name}: ${header}`);
      continue;
    }
    if (rec.cells.length !== fields.length)
      throw new Error(`${file}:${rec.line}:1: expected ${fields.length} columns, found ${rec.cells.length}`);
    cols.ensure(row);
    for (const [i, f] of fields.entries()) {
      const v = cellValue(f.type, rec.cells[i] ?? "");
      if (v instanceof Error) throw cellError(file, rec.line, i, f.name, v.message);
      cols.set(i, row, v, strings);
    }
    row++;
  }
  cols.length = row;
}

async function loadDataset(
  dataDir: string,
  schema: DatasetSchema,
  strings: ByteInterner,
  general: boolean,
): Promise<AggregateTable> {
  const fields = schema.fields;
  const columns = fields.map((f) => ({ name: f.name, type: KUSTO_TYPE[f.type] }));
  const cols = new ColumnSet(fields.map((f) => CELL_OF[f.type]));
  const header = Buffer.from(fields.map((f) => f.name).join(","));
  // a cell outside the fast path's canonical shapes: parsed as the general path parses it; an error hands the whole
  // file to the general path, which reports it with its line
  const slow = (c: number, row: number, text: string): boolean => {
    const f = fields[c];
    if (f === undefined) return false;
    const v = cellValue(f.type, text);
    if (v instanceof Error) return false;
    cols.set(c, row, v, strings);
    return true;
  };
  const { files } = datasetFiles(dataDir, schema);
  const sizes = files.map((f) => statSync(f).size);
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  for (const [k, file] of files.entries()) {
    const bytes = await readFile(file);
    if (general || !appendCsv(bytes, header, cols, strings, slow)) await appendGeneral(file, schema, cols, strings);
    // the first file's bytes per row size the columns for all files (partitions have like rows; 3 % spare)
    if (k === 0 && cols.length > 0 && files.length > 1)
      cols.reserve(Math.ceil(((totalBytes / Math.max(1, sizes[0] ?? 0)) * cols.length * 1.03) | 0));
  }
  const length = cols.length;
  const built: Column[] = columns.map((c, i): Column => {
    const codes = cols.strs[i];
    if (codes !== undefined) return { kind: "str", type: "string", codes: cols.finished(codes), dict: strings.dict };
    return { kind: "num", type: c.type, data: cols.finished(cols.nums[i] ?? new Float64Array(0)) };
  });
  return {
    name: schema.name,
    columns,
    table: { names: columns.map((c) => c.name), columns: built, length },
    files: files.length,
  };
}

function checkDataDir(dataDir: string): void {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory())
    throw new Error(
      `${dataDir}: no such data directory for the aggregate database (give an existing data directory, or --aggregate-data none)`,
    );
}

/**
 * Loads every dataset of `dataDir` (all partition files); datasets without files are empty tables. `general`: every
 * file through the general reader (csv-parse), the tests' oracle for the fast path.
 */
export async function loadAggregateDatabase(dataDir: string, { general = false } = {}): Promise<AggregateDatabase> {
  checkDataDir(dataDir);
  const started = performance.now();
  const tables = new Map<string, AggregateTable>();
  let rows = 0;
  // one dictionary for every string column: a user_id held by several datasets is stored once
  const strings = new ByteInterner();
  for (const schema of loadSchemas().values()) {
    const t = await loadDataset(dataDir, schema, strings, general);
    tables.set(t.name, t);
    rows += t.table.length;
  }
  return { database: AGGREGATE_DATABASE, tables, rows, loadSeconds: (performance.now() - started) / 1000 };
}

/** A table's name and Kusto columns, as data/schema gives them (no data read). */
export interface AggregateTableSchema {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/** The aggregate database loaded on demand: its schema at once, its data on the first `load()`. */
export interface LazyAggregateDatabase {
  readonly database: string;
  readonly tables: readonly AggregateTableSchema[];
  /** loads the data once (concurrent callers share the load; a failed load is retried by the next call) */
  load(): Promise<AggregateDatabase>;
}

/**
 * The aggregate database of `dataDir` without reading it: the directory must exist now; its CSVs are read on the
 * first `load()` (the simulator's first query to `ace_data`), so starting the simulator costs nothing at any scale.
 */
export function lazyAggregateDatabase(dataDir: string): LazyAggregateDatabase {
  checkDataDir(dataDir);
  const tables = [...loadSchemas().values()].map((schema) => ({
    name: schema.name,
    columns: schema.fields.map((f) => ({ name: f.name, type: KUSTO_TYPE[f.type] })),
  }));
  let loading: Promise<AggregateDatabase> | undefined;
  return {
    database: AGGREGATE_DATABASE,
    tables,
    load() {
      if (loading === undefined) {
        const started = loadAggregateDatabase(dataDir);
        loading = started;
        started.catch(() => {
          if (loading === started) loading = undefined;
        });
      }
      return loading;
    },
  };
}
