/**
 * The committed files of one dataset, kept as CSV lines per slot (a person, a login, …) in file order, so a night
 * that changes a few slots rebuilds only the files those slots' lines live in. The `writer` layout is the real
 * writer's (`core/csv-sink.ts` FinalFiles, `core/files.ts`): one `<name>.csv`, `<name>/<YYYY-MM>.csv` month partitions
 * (each with the header) for a schema partitioned by month, `<name>/<FYxx>.csv` once over a fiscal-year schema's
 * `partitioning.maxFileBytes`.
 */
import { partitionOf, splitAboveBytes } from "#core/files.ts";
import { formatCell, quoteCsv, type Row } from "#core/format.ts";
import { type DatasetSchema, getSchema } from "#core/schema.ts";

/** path (relative to the data dir) → content; `null` = the file was removed */
export type FileChanges = Map<string, string | null>;

/**
 * `writer` (default) and `month`: the schemas' partitioning, what the writer writes — month partitions
 * `<name>/<YYYY-MM>.csv` for the datasets data/schema partitions by month (the storage decision measured as `month`
 * and adopted, docs/storage.md; the name is kept for the growth cache and the CLI). `fy`: the layout before it, kept
 * to compare against: `individual_exams`, `learning_activity` and `product_usage` in fiscal-year files once over
 * 50 MB (FY_FIELDS), every other dataset one file.
 */
export type LayoutName = "writer" | "month" | "fy";
export const LAYOUTS: readonly LayoutName[] = ["writer", "month", "fy"];
export const FY_FIELDS: Readonly<Record<string, string>> = {
  individual_exams: "fiscal_year",
  learning_activity: "date",
  product_usage: "month",
};
const FY_MAX_FILE_BYTES = 50_000_000;

/** The partitioning a layout gives a dataset (the schema's own under `writer`). */
export function layoutPartitioning(schema: DatasetSchema, layout: LayoutName): DatasetSchema["partitioning"] {
  if (layout === "writer" || layout === "month") return schema.partitioning;
  const fy = FY_FIELDS[schema.name];
  return fy === undefined ? undefined : { field: fy, maxFileBytes: FY_MAX_FILE_BYTES };
}

/** one CSV line, exactly as the deterministic writer lays it out (LF-terminated) */
export function csvLineOf(schema: DatasetSchema, r: Row): string {
  let s = "";
  const fields = schema.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f === undefined) continue;
    const cell = quoteCsv(formatCell(f, r[f.name]));
    s += i === 0 ? cell : `,${cell}`;
  }
  return `${s}\n`;
}

const EMPTY: readonly string[] = [];

/** a slot's lines per partition, concatenated */
function byPart(lines: readonly string[], parts: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  lines.forEach((l, i) => {
    const p = parts[i] ?? "";
    m.set(p, (m.get(p) ?? "") + l);
  });
  return m;
}

export class Table {
  readonly name: string;
  readonly schema: DatasetSchema;
  readonly header: string;
  /** the single file's size above which it is split (core/files.ts splitAboveBytes), undefined: never */
  readonly maxFileBytes: number | undefined;
  /** the layout's partitioning of this dataset (its name, for partitionOf's messages) */
  readonly #layout: Pick<DatasetSchema, "name" | "partitioning">;
  readonly #lines: (readonly string[])[];
  readonly #parts: (readonly string[])[];
  readonly #partName = new Map<string, string>();
  /** partition → the slots with a line in it (so a dirty partition is rebuilt from its own slots, not every slot) */
  readonly #members = new Map<string, Set<number>>();
  #bytes: number;
  #dirty = new Set<string>();
  #all = true;
  /** the layout of the files last emitted (undefined: nothing emitted yet) */
  #emitted: { partitioned: boolean; paths: Set<string> } | undefined;

  constructor(name: string, slots: number, maxFileBytes?: number, layout: LayoutName = "writer") {
    this.name = name;
    this.schema = getSchema(name);
    this.header = `${this.schema.fields.map((f) => quoteCsv(f.name)).join(",")}\n`;
    this.#layout = { name, partitioning: layoutPartitioning(this.schema, layout) };
    this.maxFileBytes = splitAboveBytes(this.#layout, this.header, maxFileBytes);
    this.#lines = Array.from({ length: slots }, () => EMPTY);
    this.#parts = Array.from({ length: slots }, () => EMPTY);
    this.#bytes = Buffer.byteLength(this.header);
  }

  #part(r: Row): string {
    const field = this.#layout.partitioning?.field;
    if (field === undefined) return "";
    const f = this.schema.fields.find((x) => x.name === field);
    const cell = f === undefined ? "" : formatCell(f, r[field]);
    let name = this.#partName.get(cell);
    if (name === undefined) {
      name = partitionOf(this.#layout, cell === "" ? null : cell);
      this.#partName.set(cell, name);
    }
    return name;
  }

  /** Sets a slot's rows (in primary-key order); marks the files they leave or enter as changed. */
  set(slot: number, rows: readonly Row[]): void {
    const old = this.#lines[slot] ?? EMPTY;
    const lines = rows.length === 0 ? EMPTY : rows.map((r) => csvLineOf(this.schema, r));
    if (old.length === lines.length && old.every((l, i) => l === lines[i])) return;
    const parts = rows.length === 0 ? EMPTY : rows.map((r) => this.#part(r));
    // only the files whose lines of this slot changed (a person's other partitions stay as they are)
    const before = byPart(old, this.#parts[slot] ?? EMPTY);
    const after = byPart(lines, parts);
    for (const [p, text] of after) if (before.get(p) !== text) this.#dirty.add(p);
    for (const p of before.keys()) if (!after.has(p)) this.#dirty.add(p);
    for (const p of before.keys()) if (!after.has(p)) this.#members.get(p)?.delete(slot);
    for (const p of after.keys()) {
      let m = this.#members.get(p);
      if (m === undefined) {
        m = new Set();
        this.#members.set(p, m);
      }
      m.add(slot);
    }
    for (const l of old) this.#bytes -= Buffer.byteLength(l);
    for (const l of lines) this.#bytes += Buffer.byteLength(l);
    this.#lines[slot] = lines;
    this.#parts[slot] = parts;
    if (lines.length !== 0 || old.length !== 0) this.#dirty.add("*");
  }

  #build(part: string | undefined): string {
    const out: string[] = [this.header];
    if (part === undefined) {
      for (const lines of this.#lines) for (const l of lines) out.push(l);
      return out.join("");
    }
    const slots = [...(this.#members.get(part) ?? [])].sort((a, b) => a - b);
    for (const s of slots) {
      const lines = this.#lines[s] ?? EMPTY;
      const parts = this.#parts[s] ?? EMPTY;
      for (let i = 0; i < lines.length; i++) if (parts[i] === part) out.push(lines[i] ?? "");
    }
    return out.join("");
  }

  #partNames(): Set<string> {
    const names = new Set<string>();
    for (const [p, m] of this.#members) if (m.size > 0) names.add(p);
    return names;
  }

  /** The files that changed since the last call (all of them the first time), into `out`. */
  emit(out: FileChanges): void {
    const partitioned = this.maxFileBytes !== undefined && this.#bytes > this.maxFileBytes;
    const relayout = this.#all || this.#emitted?.partitioned !== partitioned;
    if (!relayout && this.#dirty.size === 0) return;
    const paths = new Set<string>();
    if (!partitioned) {
      paths.add(`${this.name}.csv`);
      out.set(`${this.name}.csv`, this.#build(undefined));
    } else {
      const names = [...this.#partNames()].sort();
      for (const n of names) {
        const path = `${this.name}/${n}.csv`;
        paths.add(path);
        if (relayout || this.#dirty.has(n)) out.set(path, this.#build(n));
      }
    }
    for (const p of this.#emitted?.paths ?? []) if (!paths.has(p)) out.set(p, null);
    this.#emitted = { partitioned, paths };
    this.#dirty = new Set();
    this.#all = false;
  }
}
