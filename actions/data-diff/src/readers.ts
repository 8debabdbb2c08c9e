/**
 * Reader adapters: column projection (when headers differ) and a k-way merge of partition files (month partitions,
 * or a layout switch) into one stream in key order.
 */
import { compareValues } from "#core/compare.ts";
import type { Value } from "#core/format.ts";
import { joinRecord, type RecordReader, splitRecord } from "./lines.ts";

/** Re-shapes every record to the given column indices (parses every record: used only when headers differ). */
export class ProjectReader implements RecordReader {
  readonly #inner: RecordReader;
  readonly #indices: readonly number[];
  #cached: { from: string; to: string } | undefined;
  constructor(inner: RecordReader, indices: readonly number[]) {
    this.#inner = inner;
    this.#indices = indices;
  }
  ready(): boolean {
    return this.#inner.ready();
  }
  fill(): Promise<boolean> {
    return this.#inner.fill();
  }
  peek(): string | undefined {
    const r = this.#inner.peek();
    if (r === undefined) return undefined;
    if (this.#cached?.from !== r) {
      const cells = splitRecord(r);
      this.#cached = { from: r, to: joinRecord(this.#indices.map((i) => cells[i] ?? "")) };
    }
    return this.#cached.to;
  }
  next(): void {
    this.#inner.next();
  }
}

/**
 * Merges several readers sorted by key into one sorted stream: a binary heap of their head records, each keyed once
 * by `keyOf` (a record's typed primary key).
 */
export class MergeReader implements RecordReader {
  readonly #inner: readonly RecordReader[];
  readonly #keyOf: (record: string) => Value[];
  /** readers with a head record, as a heap on their keys */
  #heap: { reader: RecordReader; record: string; key: Value[] }[] = [];
  /** the reader whose head was taken: its next record is keyed on the next fill (it may need to read) */
  #pending: RecordReader | undefined;
  #started = false;
  #settled = false;
  constructor(inner: readonly RecordReader[], keyOf: (record: string) => Value[]) {
    this.#inner = inner;
    this.#keyOf = keyOf;
  }
  ready(): boolean {
    return this.#settled;
  }
  async #head(reader: RecordReader): Promise<void> {
    if (!reader.ready()) await reader.fill();
    const record = reader.peek();
    if (record !== undefined) this.#push({ reader, record, key: this.#keyOf(record) });
  }
  async fill(): Promise<boolean> {
    if (!this.#started) {
      this.#started = true;
      for (const r of this.#inner) await this.#head(r);
    }
    const p = this.#pending;
    this.#pending = undefined;
    if (p !== undefined) await this.#head(p);
    this.#settled = true;
    return this.#heap.length > 0;
  }
  peek(): string | undefined {
    return this.#heap[0]?.record;
  }
  next(): void {
    const top = this.#pop();
    if (top === undefined) return;
    top.reader.next();
    this.#settled = false;
    this.#pending = top.reader;
  }
  #less(i: number, j: number): boolean {
    const a = this.#heap[i]?.key ?? [];
    const b = this.#heap[j]?.key ?? [];
    for (let k = 0; k < a.length; k++) {
      const c = compareValues(a[k] ?? null, b[k] ?? null);
      if (c !== 0) return c < 0;
    }
    return false;
  }
  #swap(i: number, j: number): void {
    const h = this.#heap;
    const t = h[i];
    const u = h[j];
    if (t === undefined || u === undefined) return;
    h[i] = u;
    h[j] = t;
  }
  #push(e: { reader: RecordReader; record: string; key: Value[] }): void {
    this.#heap.push(e);
    let i = this.#heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(i, p)) break;
      this.#swap(i, p);
      i = p;
    }
  }
  #pop(): { reader: RecordReader; record: string; key: Value[] } | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.#less(l, m)) m = l;
      if (r < h.length && this.#less(r, m)) m = r;
      if (m === i) return top;
      this.#swap(i, m);
      i = m;
    }
  }
}
