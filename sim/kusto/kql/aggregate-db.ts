/**
 * The aggregate database: every dataset of a data directory loaded into a columnar table named as the dataset,
 * typed from data/schema (string→string, integer→long, number→real, boolean→bool, date/datetime→datetime).
 * Empty CSV cells are "" in string columns (Kusto strings are never null) and null elsewhere.
 */

import { existsSync, statSync } from "node:fs";
import { readRawRecords } from "#core/csv-read.ts";
import { datasetFiles } from "#core/files.ts";
import { parseCell } from "#core/format.ts";
import { type DatasetSchema, type FieldType, loadSchemas } from "#core/schema.ts";
import type { KustoType } from "../upstream-schema.ts";
import {
  builder,
  type Column,
  type ColumnBuilder,
  type StringDictionary,
  stringDictionary,
  type Table,
} from "./tables.ts";

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

async function loadDataset(dataDir: string, schema: DatasetSchema, strings: StringDictionary): Promise<AggregateTable> {
  const fields = schema.fields;
  const columns = fields.map((f) => ({ name: f.name, type: KUSTO_TYPE[f.type] }));
  const builders: ColumnBuilder[] = columns.map((c) => builder(c.type, 1 << 16, strings));
  const { files } = datasetFiles(dataDir, schema);
  let length = 0;
  const header = fields.map((f) => f.name).join(",");
  for (const file of files) {
    let first = true;
    for await (const rec of readRawRecords(file)) {
      if (first) {
        first = false;
        if (rec.cells.join(",") !== header)
          throw new Error(`${file}:1:1: header ${rec.cells.join(",")} does not match schema ${schema.name}: ${header}`);
        continue;
      }
      if (rec.cells.length !== fields.length)
        throw new Error(`${file}:${rec.line}:1: expected ${fields.length} columns, found ${rec.cells.length}`);
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        const b = builders[i];
        if (f === undefined || b === undefined) continue;
        const v = cellValue(f.type, rec.cells[i] ?? "");
        if (v instanceof Error)
          throw new Error(
            `${file}:${rec.line}:${i + 1}: ${f.name}: ${v.message} (fix the CSV or its schema in data/schema)`,
          );
        b.push(v);
      }
      length++;
    }
  }
  const built: Column[] = builders.map((b) => b.finish());
  return {
    name: schema.name,
    columns,
    table: { names: columns.map((c) => c.name), columns: built, length },
    files: files.length,
  };
}

/** Loads every dataset of `dataDir` (all partition files); datasets without files are empty tables. */
export async function loadAggregateDatabase(dataDir: string): Promise<AggregateDatabase> {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory())
    throw new Error(
      `${dataDir}: no such data directory for the aggregate database (give an existing data directory, or --aggregate-data none)`,
    );
  const started = performance.now();
  const tables = new Map<string, AggregateTable>();
  let rows = 0;
  // one dictionary for every string column: a user_id held by several datasets is stored once
  const strings = stringDictionary();
  for (const schema of loadSchemas().values()) {
    const t = await loadDataset(dataDir, schema, strings);
    tables.set(t.name, t);
    rows += t.table.length;
  }
  return { database: AGGREGATE_DATABASE, tables, rows, loadSeconds: (performance.now() - started) / 1000 };
}
