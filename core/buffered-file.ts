/**
 * A new file written synchronously through a 1 MiB buffer (the deterministic writer's final files, ./csv-sink.ts, and
 * its sorted runs, ./csv-runs.ts): text as UTF-8, bytes as they are, or length-framed records; sha256 as it goes when
 * asked; fsync before close when the caller renames the file into place afterwards.
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";

/** The buffer of a file written alone (a single CSV, a sorted run). */
export const BUFFER_BYTES = 1 << 20;

/**
 * A new file (`wx`: never an existing one) written through a buffer (1 MiB unless told: files written side by side,
 * such as ~65 month partitions, take smaller ones, else their buffers alone hold 65 MiB), synchronously.
 */
export class BufferedFile {
  readonly path: string;
  /** bytes written so far (flushed) */
  bytes = 0;
  #fd: number | undefined;
  readonly #buf: Buffer;
  readonly #size: number;
  #len = 0;
  readonly #hash: Hash | undefined;

  constructor(path: string, hash: boolean, bufferBytes = BUFFER_BYTES) {
    this.path = path;
    this.#size = bufferBytes;
    this.#buf = Buffer.allocUnsafe(bufferBytes);
    this.#fd = openSync(path, "wx");
    this.#hash = hash ? createHash("sha256") : undefined;
  }

  /** Appends the UTF-8 bytes of `s`. */
  append(s: string): void {
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (this.#len + s.length * 3 > this.#size) {
      this.flush();
      if (s.length * 3 > this.#size) {
        this.#out(Buffer.from(s, "utf8"));
        return;
      }
    }
    this.#len += this.#buf.write(s, this.#len, "utf8");
  }

  /** Appends bytes (copied: the caller may reuse them). */
  appendBytes(b: Uint8Array): void {
    if (this.#len + b.length > this.#size) {
      this.flush();
      if (b.length > this.#size) {
        this.#out(b);
        return;
      }
    }
    this.#buf.set(b, this.#len);
    this.#len += b.length;
  }

  /** Appends `s` framed as a 4-byte little-endian byte length and its UTF-8 bytes (the runs of ./csv-runs.ts). */
  appendFramed(s: string): void {
    if (this.#len + 4 + s.length * 3 > this.#size) {
      this.flush();
      if (4 + s.length * 3 > this.#size) {
        const b = Buffer.from(s, "utf8");
        const head = Buffer.allocUnsafe(4);
        head.writeUInt32LE(b.length, 0);
        this.#out(head);
        this.#out(b);
        return;
      }
    }
    const at = this.#len;
    const n = this.#buf.write(s, at + 4, "utf8");
    this.#buf.writeUInt32LE(n, at);
    this.#len = at + 4 + n;
  }

  #out(b: Uint8Array): void {
    if (this.#fd === undefined) return;
    this.#hash?.update(b);
    let off = 0;
    while (off < b.length) off += writeSync(this.#fd, b, off, b.length - off);
    this.bytes += b.length;
  }

  flush(): void {
    if (this.#len === 0) return;
    const n = this.#len;
    this.#len = 0;
    this.#out(this.#buf.subarray(0, n));
  }

  /** Flushes, optionally fsyncs, closes; the sha256 when hashing. */
  close(durable: boolean): string {
    this.flush();
    if (this.#fd !== undefined) {
      if (durable) fsyncSync(this.#fd);
      closeSync(this.#fd);
      this.#fd = undefined;
    }
    return this.#hash?.digest("hex") ?? "";
  }

  /** Closes without flushing (error paths). */
  abort(): void {
    this.#len = 0;
    if (this.#fd === undefined) return;
    try {
      closeSync(this.#fd);
    } catch {
      // already unusable: the caller removes the file
    }
    this.#fd = undefined;
  }
}
