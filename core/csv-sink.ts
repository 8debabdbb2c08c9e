/** A CSV file being written: csv-stringify for RFC 4180 quoting, LF, UTF-8 without BOM; hashes and counts as it goes. */
import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { type Stringifier, stringify } from "csv-stringify";

export class CsvSink {
  readonly path: string;
  rows = 0;
  bytes = 0;
  readonly #hash: Hash = createHash("sha256");
  readonly #out: WriteStream;
  readonly #csv: Stringifier;
  readonly #done: Promise<void>;

  constructor(path: string, header: readonly string[]) {
    this.path = path;
    this.#out = createWriteStream(path, { flags: "wx", flush: true });
    this.#csv = stringify({ record_delimiter: "unix", eof: true });
    this.#csv.on("data", (chunk: Buffer) => {
      this.bytes += chunk.length;
      this.#hash.update(chunk);
    });
    this.#csv.pipe(this.#out);
    this.#done = new Promise((resolve, reject) => {
      this.#out.on("close", resolve);
      this.#out.on("error", reject);
      this.#csv.on("error", reject);
    });
    // Avoid unhandled rejections before finish() is awaited; errors surface there.
    this.#done.catch(() => undefined);
    this.#csv.write([...header]);
  }

  async write(cells: readonly string[]): Promise<void> {
    this.rows++;
    if (!this.#csv.write(cells)) await Promise.race([once(this.#csv, "drain"), this.#done]);
  }

  /** Flushes and closes; resolves with the file's sha256. fsyncs so a rename after it is durable. */
  async finish(): Promise<string> {
    this.#csv.end();
    await this.#done;
    return this.#hash.digest("hex");
  }

  /** Closes without caring about the content (error paths). */
  async abort(): Promise<void> {
    this.#csv.end();
    await this.#done.catch(() => undefined);
  }
}
