/**
 * Diff of one dataset between two sources: schema, layout (one file or partitions), and keyed rows. Fiscal-year
 * partitions are diffed partition by partition; month partitions (whose rows may move between partitions when their
 * field changes) as one stream in key order across the partition files, each row labelled with its partition.
 */
import { isMonthly, partitionOf } from "#core/files.ts";
import { parseCell, type Value } from "#core/format.ts";
import type { DatasetSchema, Field } from "#core/schema.ts";
import { diffSorted, type KeyedContext } from "./keyed.ts";
import { ArrayReader, type RecordReader, splitRecord } from "./lines.ts";
import { type DatasetDiff, emptyRowDiff } from "./model.ts";
import { MergeReader, ProjectReader } from "./readers.ts";
import { schemaChanges } from "./schema-diff.ts";
import type { DataSource } from "./source.ts";

export interface DatasetSide {
  readonly source: DataSource;
  readonly schema: DatasetSchema | undefined;
  /** all files of the source (relative paths) */
  readonly files: readonly string[];
}

/** The dataset's files on a side: `<name>.csv`, or `<name>/<FYxx|YYYY-MM|unknown>.csv` partitions by name. */
export function layoutOf(name: string, files: readonly string[]): { partitioned: boolean; files: Map<string, string> } {
  if (files.includes(`${name}.csv`)) return { partitioned: false, files: new Map([[name, `${name}.csv`]]) };
  const parts = new Map<string, string>();
  const re = new RegExp(`^${name}/(FY\\d{2}|\\d{4}-\\d{2}|unknown)\\.csv$`);
  for (const f of files) {
    const m = re.exec(f);
    if (m?.[1]) parts.set(m[1], f);
  }
  return { partitioned: parts.size > 0, files: parts };
}

async function header(r: RecordReader): Promise<string[] | undefined> {
  if (!r.ready()) await r.fill();
  const h = r.peek();
  if (h === undefined) return undefined;
  r.next();
  return splitRecord(h);
}

/** Opens every file, consumes headers, and merges them by key when there are several (layout switch). */
async function openSide(
  src: DataSource,
  rels: readonly string[],
  keyFields: readonly Pick<Field, "name" | "type">[],
): Promise<{ reader: RecordReader; header: string[] | undefined }> {
  const readers: RecordReader[] = [];
  let first: string[] | undefined;
  for (const rel of rels) {
    const r = src.open(rel);
    const h = await header(r);
    if (h === undefined) continue;
    if (first && first.join(",") !== h.join(","))
      throw new Error(`${src.label}/${rel}: header differs from other partitions`);
    first ??= h;
    readers.push(r);
  }
  const only = readers[0];
  if (readers.length <= 1 || !first) return { reader: only ?? new ArrayReader([]), header: first };
  const idx = keyFields.map((f) => (first ?? []).indexOf(f.name));
  const keyOf = (record: string): Value[] => {
    const cells = splitRecord(record);
    return idx.map((c, i) => {
      const v = parseCell(keyFields[i]?.type ?? "string", cells[c] ?? "");
      return v.ok ? v.value : null;
    });
  };
  return { reader: new MergeReader(readers, keyOf), header: first };
}

/** A record's month partition from its cells (none when the partitioning field is personal or not in the columns). */
function partitionLabeller(
  schema: DatasetSchema,
  columns: readonly string[],
  personal: ReadonlySet<string>,
): (cells: readonly string[]) => string | null {
  const field = schema.partitioning?.field ?? "";
  const i = columns.indexOf(field);
  if (i < 0 || personal.has(field)) return () => null;
  return (cells) => {
    try {
      return partitionOf(schema, cells[i] ?? "");
    } catch {
      return null;
    }
  };
}

export async function diffDataset(
  name: string,
  base: DatasetSide,
  head: DatasetSide,
  sampleSize: number,
): Promise<DatasetDiff> {
  const schema = head.schema ?? base.schema;
  const personal = new Set(
    [...(base.schema?.fields ?? []), ...(head.schema?.fields ?? [])].filter((f) => f.personal).map((f) => f.name),
  );
  const result: DatasetDiff = {
    name,
    title: schema?.title ?? name,
    state: "unchanged",
    rows: emptyRowDiff(),
    schemaChanges: schemaChanges(base.schema, head.schema),
    partitionChanges: [],
    personalKey: (schema?.primaryKey ?? []).some((k) => personal.has(k)),
    personalColumns: [...personal].sort(),
  };
  const bl = layoutOf(name, base.files);
  const hl = layoutOf(name, head.files);
  if (bl.files.size === 0 && hl.files.size === 0) {
    result.state = "absent";
    return result;
  }
  if (!schema) throw new Error(`dataset ${name}: files without a schema`);
  const keyFields: Pick<Field, "name" | "type">[] = schema.primaryKey.map(
    (k) => schema.fields.find((f) => f.name === k) ?? { name: k, type: "string" as const },
  );
  const pairs: { partition: string | null; base: string[]; head: string[] }[] = [];
  const monthly = isMonthly(schema.partitioning);
  if (bl.partitioned && hl.partitioned && monthly) {
    for (const p of [...new Set([...bl.files.keys(), ...hl.files.keys()])].sort()) {
      if (!bl.files.has(p)) result.partitionChanges.push(`partition ${p} added`);
      if (!hl.files.has(p)) result.partitionChanges.push(`partition ${p} removed`);
    }
    pairs.push({ partition: null, base: [...bl.files.values()], head: [...hl.files.values()] });
  } else if (bl.partitioned && hl.partitioned) {
    for (const p of [...new Set([...bl.files.keys(), ...hl.files.keys()])].sort()) {
      const b = bl.files.get(p);
      const h = hl.files.get(p);
      if (!b) result.partitionChanges.push(`partition ${p} added`);
      if (!h) result.partitionChanges.push(`partition ${p} removed`);
      pairs.push({ partition: p, base: b ? [b] : [], head: h ? [h] : [] });
    }
  } else {
    if (bl.partitioned !== hl.partitioned && bl.files.size > 0 && hl.files.size > 0) {
      result.partitionChanges.push(
        hl.partitioned
          ? `split into ${monthly ? "month" : "fiscal-year"} partitions`
          : "partitions joined into one file",
      );
    }
    pairs.push({ partition: null, base: [...bl.files.values()], head: [...hl.files.values()] });
  }
  for (const pair of pairs) {
    const b = await openSide(base.source, pair.base, keyFields);
    const h = await openSide(head.source, pair.head, keyFields);
    const hh = h.header ?? b.header ?? [];
    const bh = b.header ?? hh;
    let br = b.reader;
    let hr = h.reader;
    let columns = hh;
    if (bh.join(",") !== hh.join(",")) {
      columns = hh.filter((c) => bh.includes(c));
      br = new ProjectReader(
        br,
        columns.map((c) => bh.indexOf(c)),
      );
      hr = new ProjectReader(
        hr,
        columns.map((c) => hh.indexOf(c)),
      );
    }
    const key = keyFields.map((f) => ({ index: columns.indexOf(f.name), type: f.type }));
    if (key.some((k) => k.index < 0)) {
      throw new Error(`dataset ${name}: primary key ${schema.primaryKey.join(", ")} is not in both files' headers`);
    }
    const ctx: KeyedContext = {
      columns,
      key,
      personal,
      partition: pair.partition,
      sampleSize,
      ...(monthly && (bl.partitioned || hl.partitioned)
        ? { partitionOf: partitionLabeller(schema, columns, personal) }
        : {}),
    };
    await diffSorted(br, hr, ctx, result.rows);
  }
  const r = result.rows;
  if (bl.files.size === 0) result.state = "added";
  else if (hl.files.size === 0) result.state = "removed";
  else if (
    r.added + r.removed + r.changed > 0 ||
    result.schemaChanges.length > 0 ||
    result.partitionChanges.length > 0
  ) {
    result.state = "changed";
  }
  return result;
}
