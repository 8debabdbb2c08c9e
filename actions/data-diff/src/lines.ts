/**
 * Fast record reader for canonical dataset CSVs: splits a text stream into CSV records (one line each, except that a
 * quoted cell may span lines), buffered in batches so the merge loop only awaits when a batch runs out.
 */

export interface RecordReader {
  /** Makes sure a record is buffered; false at end of input. Await only when `ready()` is false. */
  fill(): Promise<boolean>;
  /** true when `peek()` can answer without awaiting */
  ready(): boolean;
  /** the current record, or undefined at end of input (after `fill`) */
  peek(): string | undefined;
  /** drops the current record */
  next(): void;
}

/** Records of a text stream (decoded as UTF-8). */
export class LineReader implements RecordReader {
  #buf: string[] = [];
  #i = 0;
  #tail = "";
  #pending = "";
  #pendingQuotes = 0;
  #eof = false;
  readonly #it: AsyncIterator<string | Buffer>;
  readonly #decoder = new TextDecoder("utf-8", { fatal: false });

  constructor(stream: AsyncIterable<string | Buffer>) {
    this.#it = stream[Symbol.asyncIterator]();
  }

  ready(): boolean {
    return this.#i < this.#buf.length || (this.#eof && this.#buf.length === this.#i);
  }

  peek(): string | undefined {
    return this.#buf[this.#i];
  }

  next(): void {
    this.#i++;
  }

  async fill(): Promise<boolean> {
    while (this.#i >= this.#buf.length) {
      if (this.#eof) return false;
      const r = await this.#it.next();
      let text: string;
      if (r.done) {
        this.#eof = true;
        text = this.#tail + this.#decoder.decode();
        this.#tail = "";
        this.#buf = [];
        this.#i = 0;
        if (text !== "") this.#push(text.endsWith("\r") ? text.slice(0, -1) : text);
        if (this.#pending !== "") {
          this.#buf.push(this.#pending);
          this.#pending = "";
        }
        continue;
      }
      text = this.#tail + (typeof r.value === "string" ? r.value : this.#decoder.decode(r.value, { stream: true }));
      const parts = text.split("\n");
      this.#tail = parts.pop() ?? "";
      this.#i = 0;
      // Fast path (canonical files): no quotes and no CR in the chunk → the split lines are the records.
      if (this.#pending === "" && text.indexOf('"') === -1 && text.indexOf("\r") === -1) {
        this.#buf = parts;
        continue;
      }
      this.#buf = [];
      for (const p of parts) this.#push(p.endsWith("\r") ? p.slice(0, -1) : p);
    }
    return true;
  }

  /** Adds one physical line, joining lines while a quoted cell is open (odd number of quotes so far). */
  #push(line: string): void {
    if (this.#pending === "" && line.indexOf('"') === -1) {
      this.#buf.push(line);
      return;
    }
    const q = countQuotes(line);
    if (this.#pending === "" && this.#pendingQuotes === 0) {
      if (q % 2 === 0) this.#buf.push(line);
      else {
        this.#pending = line;
        this.#pendingQuotes = q;
      }
      return;
    }
    this.#pending += `\n${line}`;
    this.#pendingQuotes += q;
    if (this.#pendingQuotes % 2 === 0) {
      this.#buf.push(this.#pending);
      this.#pending = "";
      this.#pendingQuotes = 0;
    }
  }
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/** Reader over an in-memory list of records (tests, and empty sides). */
export class ArrayReader implements RecordReader {
  #i = 0;
  readonly #records: readonly string[];
  constructor(records: readonly string[]) {
    this.#records = records;
  }
  ready(): boolean {
    return true;
  }
  async fill(): Promise<boolean> {
    return this.#i < this.#records.length;
  }
  peek(): string | undefined {
    return this.#records[this.#i];
  }
  next(): void {
    this.#i++;
  }
}

/** Splits one CSV record into cells (RFC 4180: cells may be quoted, quotes doubled inside). */
export function splitRecord(record: string): string[] {
  if (record.indexOf('"') === -1) return record.split(",");
  const cells: string[] = [];
  let i = 0;
  const n = record.length;
  for (;;) {
    if (record[i] === '"') {
      let cell = "";
      i++;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q === -1) {
          cell += record.slice(i);
          i = n;
          break;
        }
        cell += record.slice(i, q);
        if (record[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      cells.push(cell);
      const comma = record.indexOf(",", i);
      if (comma === -1) return cells;
      i = comma + 1;
    } else {
      const comma = record.indexOf(",", i);
      if (comma === -1) {
        cells.push(record.slice(i));
        return cells;
      }
      cells.push(record.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** Joins cells back into one CSV record, quoting as csv-stringify does (delimiter, quote, CR or LF inside). */
export function joinRecord(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",");
}
