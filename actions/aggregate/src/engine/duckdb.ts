/**
 * The DuckDB engine (the default): loads every dataset's CSV files (typed by data/schema, never inferred) into a table
 * named after the dataset, then runs the readable `actions/aggregate/sql/<name>.sql` queries.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { datasetFiles } from "#core/files.ts";
import { type DatasetSchema, type FieldType, loadSchemas } from "#core/schema.ts";
import type { AnyQuery, Engine, SqlRow } from "./types.ts";

const SQL_DIR = new URL("../../sql/", import.meta.url);

const DUCK_TYPES: Record<FieldType, string> = {
  string: "VARCHAR",
  integer: "BIGINT",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  date: "DATE",
  datetime: "TIMESTAMP",
};

export type { SqlRow };

export interface Duck {
  readonly conn: DuckDBConnection;
  query(sql: string): Promise<SqlRow[]>;
  close(): void;
}

/**
 * A DuckDB database in a temporary file (not `:memory:`): tables are stored compressed and the buffer manager can
 * evict them, which keeps peak RSS well under 1 GB at scale M. Removed on close.
 */
export async function openDuck(threads?: number): Promise<Duck> {
  const dir = mkdtempSync(join(tmpdir(), "ace-aggregate-"));
  const options: Record<string, string> = {
    memory_limit: "512MB",
    preserve_insertion_order: "false",
    temp_directory: join(dir, "spill"),
  };
  if (threads !== undefined) options.threads = String(threads);
  const instance = await DuckDBInstance.create(join(dir, "aggregate.duckdb"), options);
  const conn = await instance.connect();
  return {
    conn,
    async query(sql) {
      const reader = await conn.runAndReadAll(sql);
      return reader.getRowObjectsJS().map(toPlain);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function toPlain(row: Record<string, unknown>): SqlRow {
  const out: SqlRow = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
    else if (typeof v === "bigint") out[k] = Number(v);
    else if (v instanceof Date) out[k] = v.toISOString();
    else throw new Error(`unsupported DuckDB value in column ${k}: ${String(v)}`);
  }
  return out;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** CREATE TABLE <dataset> from its CSV files (an empty, typed table when the dataset has no files yet). */
export function loadTableSql(dataDir: string, schema: DatasetSchema): string {
  const files = datasetFiles(dataDir, schema).files;
  const cols = schema.fields.map((f) => `${f.name} ${DUCK_TYPES[f.type]}`).join(", ");
  if (files.length === 0) return `CREATE OR REPLACE TABLE ${schema.name} (${cols});`;
  const columns = schema.fields.map((f) => `${quote(f.name)}: ${quote(DUCK_TYPES[f.type])}`).join(", ");
  return (
    `CREATE OR REPLACE TABLE ${schema.name} AS SELECT * FROM read_csv([${files.map(quote).join(", ")}], ` +
    `header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', ` +
    `timestampformat = '%Y-%m-%dT%H:%M:%SZ', dateformat = '%Y-%m-%d', columns = {${columns}});`
  );
}

/** Loads the datasets the .sql files mention (a dataset no query reads is not loaded). */
export async function loadDatasets(duck: Duck, dataDir: string, schemas: Iterable<DatasetSchema>): Promise<void> {
  const sql = readdirSync(SQL_DIR)
    .filter((f) => f.endsWith(".sql"))
    .map((f) => readFileSync(new URL(f, SQL_DIR), "utf8").replace(/--.*$/gm, ""))
    .join("\n");
  for (const s of schemas) {
    if (new RegExp(`\\b${s.name}\\b`).test(sql)) await duck.query(loadTableSql(dataDir, s));
  }
}

const sqlCache = new Map<string, string>();

/** The text of sql/<name>.sql with `$as_of` replaced by the as-of timestamp literal. */
export function sqlText(name: string, asOf: string): string {
  let text = sqlCache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`${name}.sql`, SQL_DIR), "utf8");
    sqlCache.set(name, text);
  }
  return text.replaceAll("$as_of", `TIMESTAMP ${quote(asOf.replace("T", " ").replace("Z", ""))}`);
}

export async function runSql(duck: Duck, name: string, asOf: string): Promise<SqlRow[]> {
  return duck.query(sqlText(name, asOf));
}

/** Creates the shared macros (sql/_macros.sql) once per connection. */
export async function installMacros(duck: Duck): Promise<void> {
  await duck.query(sqlText("_macros", "1970-01-01T00:00:00Z"));
}

/** The DuckDB engine over a fresh temporary database. */
export async function openDuckEngine(threads?: number): Promise<Engine & { readonly duck: Duck }> {
  const duck = await openDuck(threads);
  return {
    name: "duckdb",
    duck,
    async load(dataDir) {
      await loadDatasets(duck, dataDir, loadSchemas().values());
      await installMacros(duck);
    },
    rows: (name: AnyQuery, asOf: string) => runSql(duck, name, asOf),
    close: () => duck.close(),
  };
}
