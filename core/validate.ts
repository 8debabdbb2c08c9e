/**
 * Validates dataset CSVs against their schemas, reporting every problem as `file:line:column: reason`
 * (header, column count, type, constraint, duplicate primary key, unsorted rows, bad quoting). Streams: memory is
 * bounded by one row, because sorted rows make duplicate keys adjacent. A reason names the field and the rule, never
 * a cell's value: these messages reach logs, the job summary and the data PR.
 */
import { basename } from "node:path";
import { compareValues } from "./compare.ts";
import { readRawRecords } from "./csv-read.ts";
import { datasetFiles, isMonthly, partitionOf } from "./files.ts";
import { parseCell, type Value } from "./format.ts";
import { scrubMessage } from "./public-text.ts";
import type { DatasetSchema, Field, FieldType } from "./schema.ts";

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.reason}`;
}

export interface ValidateOptions {
  /** stop collecting after this many problems per file (default 50) */
  readonly maxProblems?: number;
  /** a dataset with no file is a problem (default true) */
  readonly requireFile?: boolean;
}

export async function validateDataset(
  dataDir: string,
  schema: DatasetSchema,
  opts: ValidateOptions = {},
): Promise<{ rows: number; problems: Problem[] }> {
  const { files, partitioned } = datasetFiles(dataDir, schema);
  if (files.length === 0) {
    return opts.requireFile === false
      ? { rows: 0, problems: [] }
      : {
          rows: 0,
          problems: [
            { file: `${dataDir}/${schema.path}`, line: 0, column: 0, reason: `dataset ${schema.name} is missing` },
          ],
        };
  }
  let rows = 0;
  const problems: Problem[] = [];
  for (const file of files) {
    const partition = partitioned ? basename(file, ".csv") : undefined;
    const r = await validateFile(file, schema, partition, opts.maxProblems ?? 50);
    rows += r.rows;
    problems.push(...r.problems);
  }
  return { rows, problems };
}

/**
 * Longest string cell any dataset accepts when its schema sets no `maxLength` (free text from upstream, e.g. a course
 * description, is bounded at the sync: a longer cell is refused like any other invalid cell).
 */
export const DEFAULT_MAX_LENGTH = 1024;

/** The length cap of a string field: its schema's `maxLength`, else DEFAULT_MAX_LENGTH. */
export function maxLengthOf(f: Field): number {
  return f.constraints.maxLength ?? DEFAULT_MAX_LENGTH;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const INTEGER_RE = /^-?(?:0|[1-9]\d*)$/;
const NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?$/;

/** Calendar days `YYYY-MM-DD` (as the number YYYYMMDD) → whether parseCell accepts them (a few thousand per dataset). */
const DAYS = new Map<number, boolean>();

const two = (v: string, at: number): number => (v.charCodeAt(at) - 48) * 10 + v.charCodeAt(at + 1) - 48;

/** Whether the day `v` starts with (its digits already matched by a pattern) is one parseCell accepts. */
function validDay(v: string): boolean {
  const key = ((two(v, 0) * 100 + two(v, 2)) * 100 + two(v, 5)) * 100 + two(v, 8);
  let ok = DAYS.get(key);
  if (ok === undefined) {
    ok = parseCell("date", v.slice(0, 10)).ok;
    if (DAYS.size < 100_000) DAYS.set(key, ok);
  }
  return ok;
}

/**
 * The value of a cell as parseCell reads it, or NOT_CANONICAL where parseCell refuses it — without parseCell's result
 * object per cell, and with a datetime's day checked once per day (a datetime of that pattern is valid exactly when its
 * day is and its time is within the day: test/core/validate.test.ts compares the two on every edge).
 */
const NOT_CANONICAL = Symbol("not canonical");
function cellValue(type: FieldType, raw: string): Value | typeof NOT_CANONICAL {
  if (raw === "") return null;
  switch (type) {
    case "string":
      return raw;
    case "integer": {
      if (!INTEGER_RE.test(raw)) return NOT_CANONICAL;
      const n = Number(raw);
      return Number.isSafeInteger(n) ? n : NOT_CANONICAL;
    }
    case "number": {
      if (!NUMBER_RE.test(raw)) return NOT_CANONICAL;
      const n = Number(raw);
      return String(n) === raw ? n : NOT_CANONICAL;
    }
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : NOT_CANONICAL;
    case "date":
      return DATE_RE.test(raw) && validDay(raw) ? raw : NOT_CANONICAL;
    case "datetime":
      return DATETIME_RE.test(raw) && two(raw, 11) < 24 && two(raw, 14) < 60 && two(raw, 17) < 60 && validDay(raw)
        ? raw
        : NOT_CANONICAL;
  }
}

/**
 * The checks of one cell, compiled once per schema (patterns, enums): the validator's, and the writer's on the cells it
 * formats (core/csv-write.ts), so both apply the same rules with the same reasons. Reasons name the field and the rule,
 * never the cell's value (messages leave the runner: docs/operating.md).
 */
export class CellChecks {
  readonly #fields: readonly Field[];
  readonly #enums: readonly (ReadonlySet<string> | undefined)[];
  readonly #patterns: readonly (RegExp | undefined)[];

  constructor(schema: Pick<DatasetSchema, "fields">) {
    this.#fields = schema.fields;
    this.#enums = schema.fields.map((f) => (f.constraints.enum ? new Set(f.constraints.enum) : undefined));
    this.#patterns = schema.fields.map((f) =>
      f.constraints.pattern === undefined ? undefined : new RegExp(`^(?:${f.constraints.pattern})$`, "u"),
    );
  }

  /** Why the cell of field `i` is invalid (not canonical for its type, or against a constraint), or undefined. */
  reason(i: number, raw: string): string | undefined {
    const f = this.#fields[i];
    if (f === undefined) return undefined;
    const value = cellValue(f.type, raw);
    if (value === NOT_CANONICAL) return `${f.name}: not a canonical ${f.type}`;
    const c = f.constraints;
    if (value === null) return c.required ? `${f.name} is required` : undefined;
    if (f.type === "string" && raw.length > maxLengthOf(f))
      return `${f.name}: longer than ${maxLengthOf(f)} characters (${raw.length})`;
    if (this.#enums[i] !== undefined && !this.#enums[i].has(raw)) return `${f.name}: not one of ${c.enum?.join(", ")}`;
    if (this.#patterns[i]?.test(raw) === false) return `${f.name}: does not match ${c.pattern}`;
    if (typeof value === "number") {
      if (c.minimum !== undefined && value < c.minimum) return `${f.name}: below the minimum ${c.minimum}`;
      if (c.maximum !== undefined && value > c.maximum) return `${f.name}: above the maximum ${c.maximum}`;
    }
    return undefined;
  }
}

/** A key cell as the validator compares it: its parsed value, null when it does not parse. */
function keyCell(type: FieldType, raw: string): Value {
  const v = cellValue(type, raw);
  return v === NOT_CANONICAL ? null : v;
}

export async function validateFile(
  file: string,
  schema: DatasetSchema,
  partition: string | undefined,
  maxProblems: number,
): Promise<{ rows: number; problems: Problem[] }> {
  const names = schema.fields.map((f) => f.name);
  const keyIdx = schema.primaryKey.map((k) => names.indexOf(k));
  const partIdx = schema.partitioning ? names.indexOf(schema.partitioning.field) : -1;
  const checks = new CellChecks(schema);
  const problems: Problem[] = [];
  const add = (line: number, column: number, reason: string) => {
    if (problems.length < maxProblems) problems.push({ file, line, column, reason });
  };
  let rows = 0;
  let prevKey: Value[] | undefined;
  let prevLine = 0;
  let headerSeen = false;
  try {
    for await (const rec of readRawRecords(file)) {
      if (!headerSeen) {
        headerSeen = true;
        names.forEach((n, i) => {
          if (rec.cells[i] !== n)
            add(
              1,
              i + 1,
              `header: expected column "${n}", found ${rec.cells[i] === undefined ? "nothing" : "another name"}`,
            );
        });
        if (rec.cells.length > names.length) add(1, names.length + 1, "header: unexpected extra column");
        continue;
      }
      rows++;
      if (rec.cells.length !== names.length) {
        add(
          rec.line,
          Math.min(rec.cells.length, names.length) + 1,
          `expected ${names.length} columns, found ${rec.cells.length}`,
        );
        prevKey = undefined;
        continue;
      }
      for (let i = 0; i < names.length; i++) {
        const why = checks.reason(i, rec.cells[i] ?? "");
        if (why !== undefined) add(rec.line, i + 1, why);
      }
      if (partition === undefined && isMonthly(schema.partitioning)) {
        // month partitioning leaves the single file only to a dataset without rows
        add(
          rec.line,
          partIdx + 1,
          `row belongs to partition ${safePartition(schema, rec.cells[partIdx]) ?? "(none)"}, stored in the single file`,
        );
      } else if (partition !== undefined && partIdx >= 0 && safePartition(schema, rec.cells[partIdx]) !== partition) {
        add(
          rec.line,
          partIdx + 1,
          `row belongs to partition ${safePartition(schema, rec.cells[partIdx]) ?? "(none)"}, stored in partition ${partition}`,
        );
      }
      const key = keyIdx.map((i) => keyCell(schema.fields[i]?.type ?? "string", rec.cells[i] ?? ""));
      if (prevKey) {
        let c = 0;
        for (let i = 0; i < key.length && c === 0; i++) c = compareValues(prevKey[i], key[i]);
        if (c === 0)
          add(
            rec.line,
            (keyIdx[0] ?? 0) + 1,
            `duplicate primary key (${schema.primaryKey.join(", ")}), first at line ${prevLine}`,
          );
        else if (c > 0)
          add(
            rec.line,
            (keyIdx[0] ?? 0) + 1,
            `rows not sorted by primary key (${schema.primaryKey.join(", ")}): this row sorts before line ${prevLine}`,
          );
      }
      prevKey = key;
      prevLine = rec.line;
    }
  } catch (err) {
    // readRawRecords throws `file:line:column: reason` (an unterminated quote: where it opens)
    const msg = (err as Error).message;
    const m = msg.startsWith(`${file}:`) ? /^(\d+|\?):(\d+): (.*)$/s.exec(msg.slice(file.length + 1)) : null;
    add(m ? Number(m[1]) || 0 : 0, m ? Number(m[2]) || 1 : 1, scrubMessage(m?.[3] ?? msg));
  }
  if (!headerSeen) add(1, 1, "empty file: the header is missing");
  return { rows, problems };
}

/** The partition a partitioning cell belongs to, or undefined when it belongs to none. */
export function safePartition(schema: DatasetSchema, value: string | undefined): string | undefined {
  try {
    return partitionOf(schema, value);
  } catch {
    return undefined;
  }
}
