/**
 * The aggregate database: every dataset of a data directory loaded into a columnar table named as the dataset,
 * typed from data/schema (string→string, integer→long, number→real, boolean→bool, date/datetime→datetime).
 * Empty CSV cells are "" in string columns (Kusto strings are never null) and null elsewhere.
 */

import { readRawRecords } from "#core/csv-read.ts";
import { datasetFiles } from "#core/files.ts";
import { parseCell } from "#core/format.ts";
import { type DatasetSchema, type FieldType, loadSchemas } from "#core/schema.ts";
import { builder, type Column, type ColumnBuilder, type Table } from "./tables.ts";

export const AGGREGATE_DATABASE = "ace_data";
export const AGGREGATE_CLUSTER = "ace-data";

const KUSTO_TYPE: Readonly<Record<FieldType, string>> = {
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

function cellValue(type: FieldType, raw: string, where: () => string): number | string | boolean | null {
  if (raw === "") return type === "string" ? "" : null;
  const parsed = parseCell(type, raw);
  if (!parsed.ok) throw new Error(`${where()}: ${parsed.reason} (fix the CSV or its schema in data/schema)`);
  if (type === "date") return Date.parse(`${raw}T00:00:00Z`);
  if (type === "datetime") return Date.parse(raw);
  return parsed.value;
}

async function loadDataset(dataDir: string, schema: DatasetSchema): Promise<AggregateTable> {
  const fields = schema.fields;
  const columns = fields.map((f) => ({ name: f.name, type: KUSTO_TYPE[f.type] }));
  const builders: ColumnBuilder[] = columns.map((c) => builder(c.type, 1 << 16));
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
        b.push(cellValue(f.type, rec.cells[i] ?? "", () => `${file}:${rec.line}:${i + 1}: ${f.name}`));
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
  const started = performance.now();
  const tables = new Map<string, AggregateTable>();
  let rows = 0;
  for (const schema of loadSchemas().values()) {
    const t = await loadDataset(dataDir, schema);
    tables.set(t.name, t);
    rows += t.table.length;
  }
  return { database: AGGREGATE_DATABASE, tables, rows, loadSeconds: (performance.now() - started) / 1000 };
}
