/** Reader adapters: column projection (when headers differ) and a k-way merge of partitions (when layouts differ). */
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
 * Merges several readers sorted by key into one sorted stream. `compare` compares two records by key. Every head
 * record is keyed, so this is the slow path (a dataset that switched between one file and partitions).
 */
export class MergeReader implements RecordReader {
  readonly #inner: readonly RecordReader[];
  readonly #compare: (a: string, b: string) => number;
  #current: RecordReader | undefined;
  #settled = false;
  constructor(inner: readonly RecordReader[], compare: (a: string, b: string) => number) {
    this.#inner = inner;
    this.#compare = compare;
  }
  ready(): boolean {
    return this.#settled;
  }
  async fill(): Promise<boolean> {
    for (const r of this.#inner) if (!r.ready()) await r.fill();
    let best: RecordReader | undefined;
    let bestRec: string | undefined;
    for (const r of this.#inner) {
      const rec = r.peek();
      if (rec === undefined) continue;
      if (bestRec === undefined || this.#compare(rec, bestRec) < 0) {
        best = r;
        bestRec = rec;
      }
    }
    this.#current = best;
    this.#settled = true;
    return best !== undefined;
  }
  peek(): string | undefined {
    return this.#current?.peek();
  }
  next(): void {
    this.#current?.next();
    this.#settled = false;
  }
}
