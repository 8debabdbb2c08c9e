/**
 * The sorted runs of the writer's external merge sort (./csv-write.ts): per row the formatted cells of its primary key
 * (and of its partitioning field) as text and its finished CSV line, each framed as a 4-byte little-endian length
 * and its UTF-8 bytes. The merge decodes the short key cells only and copies each line's bytes to the output as they
 * are — no CSV row is parsed, formatted or even decoded again; and the binary heap of the runs' heads the merge takes
 * the smallest key from.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { BufferedFile } from "./buffered-file.ts";
import { compareValues } from "./compare.ts";
import type { Value } from "./format.ts";
import type { FieldType } from "./schema.ts";

const READ_BYTES = 1 << 18;

/** A sorted run being written: records of a fixed number of strings each. */
export class RunFile {
  readonly path: string;
  rows = 0;
  readonly #file: BufferedFile;

  constructor(path: string) {
    this.path = path;
    this.#file = new BufferedFile(path, false);
  }

  add(parts: readonly string[]): void {
    this.rows++;
    for (const p of parts) this.#file.appendFramed(p);
  }

  finish(): void {
    this.#file.close(false);
  }

  abort(): void {
    this.#file.abort();
  }
}

/** One record read back: its texts (key cells, partition cell) and the bytes of its CSV line. */
export interface RunRecord {
  readonly texts: string[];
  /** valid until the next call of `next` on the same reader */
  readonly line: Buffer;
}

/** Reads back the records of a {@link RunFile}, a bounded piece at a time. */
export class RunReader {
  readonly path: string;
  #fd: number | undefined;
  #buf = Buffer.allocUnsafe(READ_BYTES);
  #pos = 0;
  #end = 0;
  #eof = false;
  /** the length of the value #field returned last */
  #len = 0;

  constructor(path: string) {
    this.path = path;
    this.#fd = openSync(path, "r");
  }

  /** Makes `n` unread bytes available from #pos; false when the file ends first. */
  #ensure(n: number): boolean {
    if (this.#end - this.#pos >= n) return true;
    const rest = this.#end - this.#pos;
    if (n > this.#buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(n, READ_BYTES));
      this.#buf.copy(bigger, 0, this.#pos, this.#end);
      this.#buf = bigger;
    } else this.#buf.copyWithin(0, this.#pos, this.#end);
    this.#pos = 0;
    this.#end = rest;
    while (this.#end < n && !this.#eof && this.#fd !== undefined) {
      const got = readSync(this.#fd, this.#buf, this.#end, this.#buf.length - this.#end, null);
      if (got === 0) this.#eof = true;
      this.#end += got;
    }
    return this.#end >= n;
  }

  /** Makes the framed value at #pos available and returns its offset in #buf (its length: #len); advances. */
  #field(): number {
    if (!this.#ensure(4)) throw new Error(`${this.path}: sorted run cut short`);
    const len = this.#buf.readUInt32LE(this.#pos);
    this.#pos += 4;
    if (!this.#ensure(len)) throw new Error(`${this.path}: sorted run cut short`);
    const at = this.#pos;
    this.#pos += len;
    this.#len = len;
    return at;
  }

  /** The next record (`texts` strings, then the line), or undefined after the last one. */
  next(texts: number): RunRecord | undefined {
    if (!this.#ensure(1)) return undefined;
    const out = new Array<string>(texts);
    for (let i = 0; i < texts; i++) {
      const at = this.#field();
      out[i] = this.#buf.toString("utf8", at, at + this.#len);
    }
    const at = this.#field();
    return { texts: out, line: this.#buf.subarray(at, at + this.#len) };
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** A formatted key cell as the value it stands for (what the committed file reads back as). */
export function keyValue(type: FieldType, cell: string): Value {
  if (cell === "") return null;
  if (type === "integer" || type === "number") return Number(cell);
  if (type === "boolean") return cell === "true";
  return cell;
}

export interface Head {
  readonly keys: Value[];
  readonly part: string;
  readonly line: Buffer;
  readonly run: number;
}

/** Two keys in primary-key order (compareValues, two different strings decided inline). */
export function compareKeys(a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === "string" && typeof y === "string") return x < y ? -1 : 1;
    const c = compareValues(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

/** Heads by key, then by run (equal keys are a duplicate the merge refuses; the order is still deterministic). */
function compareHeads(a: Head, b: Head): number {
  return compareKeys(a.keys, b.keys) || a.run - b.run;
}

export function siftDown(heap: Head[], at: number): void {
  const n = heap.length;
  let i = at;
  const item = heap[i];
  if (item === undefined) return;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    const right = heap[child + 1];
    if (right && compareHeads(right, heap[child] as Head) < 0) child++;
    const c = heap[child] as Head;
    if (compareHeads(c, item) >= 0) break;
    heap[i] = c;
    i = child;
  }
  heap[i] = item;
}
