/**
 * The writer's chunks (./csv-write.ts): rows taken from a source that hands them one by one or in batches, a chunk at
 * a time, and sorted by primary key — by one string per row when every key cell is a string without U+0000, else by
 * the rows' comparator — in arrays reused from chunk to chunk.
 */
import type { RowComparator } from "./compare.ts";
import type { Row } from "./format.ts";

/** rows one by one, or (async) also in batches: an array of rows */
export type RowSource = Iterable<Row> | AsyncIterable<Row | readonly Row[]>;

/** What sorting a chunk needs of the dataset. */
export interface ChunkLayout {
  readonly cmp: RowComparator;
  /** the primary key's field names */
  readonly keyNames: readonly string[];
}

/** The rows of a source one at a time, whether it hands them one by one or in batches (arrays). */
export class Input {
  readonly #it: AsyncIterator<Row | readonly Row[]>;
  #batch: readonly Row[] = [];
  #at = 0;
  done = false;

  constructor(rows: RowSource) {
    this.#it = toAsyncIterator(rows);
  }

  /**
   * Up to `max` rows written to `out` from index 0 (fewer only at the end of the source: then `done`); `out` is cut to
   * the rows taken (a reused array keeps its storage when it is filled again to the same length).
   */
  async take(out: Row[], max: number): Promise<void> {
    let n = 0;
    while (n < max) {
      if (this.#at < this.#batch.length) {
        const end = Math.min(this.#batch.length, this.#at + max - n);
        for (let i = this.#at; i < end; i++) out[n++] = this.#batch[i] as Row;
        this.#at = end;
        continue;
      }
      const next = await this.#it.next();
      if (next.done) {
        this.done = true;
        break;
      }
      if (isBatch(next.value)) {
        this.#batch = next.value;
        this.#at = 0;
      } else out[n++] = next.value;
    }
    if (out.length !== n) out.length = n;
  }
}

const isBatch = (v: Row | readonly Row[]): v is readonly Row[] => Array.isArray(v);

/**
 * Rows in primary-key order, with each row's key as one string when every key cell is a string without U+0000: then
 * the strings sort as the keys do (core/compare.ts: field by field, UTF-16 code units; U+0000 below any other code
 * unit keeps a shorter field first) and the sort compares them instead of the rows' fields.
 */
export interface Chunk {
  readonly rows: readonly Row[];
  readonly keys: readonly string[] | undefined;
}

function stringKey(lay: ChunkLayout, row: Row): string | undefined {
  let key = "";
  for (let i = 0; i < lay.keyNames.length; i++) {
    const v = row[lay.keyNames[i] as string];
    if (typeof v !== "string" || v.includes("\u0000")) return undefined;
    key = i === 0 ? v : `${key}\u0000${v}`;
  }
  return key;
}

/** The arrays a chunk is read and sorted in, reused from chunk to chunk (large arrays are not garbage per chunk). */
export interface Scratch {
  rows: Row[];
  keys: string[];
  order: number[];
}

/**
 * The next chunk of at most `chunkRows` rows of the input, sorted. Its arrays are `scratch`'s: valid until the next
 * call (each chunk is formatted and written before the next is read).
 */
export async function readChunk(lay: ChunkLayout, input: Input, chunkRows: number, scratch: Scratch): Promise<Chunk> {
  const rows = scratch.rows;
  await input.take(rows, chunkRows);
  const n = rows.length;
  // filled by index from 0 (appending while the array is shorter), then cut: no holes, no new storage per chunk
  let keys: string[] | undefined = scratch.keys;
  for (let i = 0; i < n; i++) {
    const k = stringKey(lay, rows[i] as Row);
    if (k === undefined) {
      keys = undefined;
      break;
    }
    keys[i] = k;
  }
  if (keys !== undefined && keys.length !== n) keys.length = n;
  if (keys === undefined) {
    let inOrder = true;
    for (let i = 1; i < n && inOrder; i++) inOrder = lay.cmp(rows[i - 1] as Row, rows[i] as Row) <= 0;
    if (!inOrder) rows.sort(lay.cmp);
    return { rows, keys };
  }
  const k = keys;
  let inOrder = true;
  for (let i = 1; i < n && inOrder; i++) inOrder = (k[i - 1] as string) <= (k[i] as string);
  if (inOrder) return { rows, keys: k };
  const order = scratch.order;
  for (let i = 0; i < n; i++) order[i] = i;
  if (order.length !== n) order.length = n;
  order.sort((a, b) => {
    const x = k[a] as string;
    const y = k[b] as string;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  // rows[i] ← rows[order[i]] (and the keys alike) in place, cycle by cycle; a placed position is marked -1
  for (let i = 0; i < n; i++) {
    if ((order[i] as number) < 0) continue;
    const row = rows[i] as Row;
    const key = k[i] as string;
    let j = i;
    for (;;) {
      const from = order[j] as number;
      order[j] = -1;
      if (from === i) {
        rows[j] = row;
        k[j] = key;
        break;
      }
      rows[j] = rows[from] as Row;
      k[j] = k[from] as string;
      j = from;
    }
  }
  return { rows, keys: k };
}

function toAsyncIterator(rows: RowSource): AsyncIterator<Row | readonly Row[]> {
  if (Symbol.asyncIterator in rows) return rows[Symbol.asyncIterator]();
  const it = rows[Symbol.iterator]();
  return { next: async () => it.next() };
}
