/**
 * The aggregate database's fast CSV path: one file's bytes parsed straight into typed columns (Float64Array /
 * dictionary codes), without a string per cell. Only the canonical shapes core/csv-write.ts writes are taken here
 * (LF line ends, no BOM, quoted fields closed before a comma or LF, canonical cells); anything else makes the file
 * fall back to the general reader (aggregate-db.ts), so errors and unusual files behave exactly as there.
 */
import type { ByteInterner } from "./interner.ts";
import type { Scalar } from "./tables.ts";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const MINUS = 45;
const ZERO = 48;

/** Cell types of the fast path, by data/schema field type. */
export const CELL = { string: 0, integer: 1, boolean: 2, date: 3, datetime: 4, number: 5 } as const;
export type CellType = (typeof CELL)[keyof typeof CELL];

/** Growable typed columns of one table: numbers (NaN = null) or dictionary codes, all of `length` rows. */
export class ColumnSet {
  length = 0;
  private capacity: number;
  readonly nums: (Float64Array | undefined)[];
  readonly strs: (Int32Array | undefined)[];

  readonly types: readonly CellType[];

  constructor(types: readonly CellType[], capacity = 1 << 16) {
    this.types = types;
    this.capacity = capacity;
    this.nums = types.map((t) => (t === CELL.string ? undefined : new Float64Array(capacity)));
    this.strs = types.map((t) => (t === CELL.string ? new Int32Array(capacity) : undefined));
  }

  /** Room for row index `row` (doubling). */
  ensure(row: number): void {
    if (row >= this.capacity) this.reserve(Math.max(this.capacity * 2, row + 1));
  }

  /** Room for `rows` rows in all (a caller that can estimate the table's size saves the doublings). */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    for (let c = 0; c < this.types.length; c++) {
      const n = this.nums[c];
      if (n !== undefined) {
        const next = new Float64Array(rows);
        next.set(n);
        this.nums[c] = next;
      }
      const s = this.strs[c];
      if (s !== undefined) {
        const next = new Int32Array(rows);
        next.set(s);
        this.strs[c] = next;
      }
    }
    this.capacity = rows;
  }

  /** Column `c`'s `length` values: a view when the spare room is under 1/8, else a copy. */
  finished<T extends Float64Array | Int32Array>(a: T): T {
    return (this.capacity - this.length) * 8 <= this.capacity
      ? (a.subarray(0, this.length) as T)
      : (a.slice(0, this.length) as T);
  }

  /** Stores a value the general path parsed (a string cell's code comes from `strings`). */
  set(c: number, row: number, v: Scalar, strings: ByteInterner): void {
    const s = this.strs[c];
    if (s !== undefined) s[row] = strings.codeOfString(v === null ? "" : String(v));
    else {
      const n = this.nums[c];
      if (n !== undefined) n[row] = v === null ? Number.NaN : typeof v === "boolean" ? (v ? 1 : 0) : Number(v);
    }
  }
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days since 1970-01-01 of a valid (y, m, d), y ≥ 100 (Date.UTC reads years below 100 as 19xx: not taken here). */
function epochDay(y: number, m: number, d: number): number {
  const y1 = y - 1;
  const days = 365 * y1 + Math.floor(y1 / 4) - Math.floor(y1 / 100) + Math.floor(y1 / 400);
  return days - 719162 + (DAYS_BEFORE_MONTH[m - 1] ?? 0) + (m > 2 && isLeap(y) ? 1 : 0) + d - 1;
}

const dig = (buf: Uint8Array, i: number): number => {
  const c = (buf[i] ?? 0) - ZERO;
  return c >= 0 && c <= 9 ? c : -1000000;
};

/** Epoch ms of canonical `YYYY-MM-DD` (len 10) or `YYYY-MM-DDTHH:MM:SSZ` (len 20) bytes, or NaN when not one. */
function dateMs(buf: Uint8Array, f: number, len: number, withTime: boolean): number {
  if (len !== (withTime ? 20 : 10) || buf[f + 4] !== MINUS || buf[f + 7] !== MINUS) return Number.NaN;
  const y = dig(buf, f) * 1000 + dig(buf, f + 1) * 100 + dig(buf, f + 2) * 10 + dig(buf, f + 3);
  const m = dig(buf, f + 5) * 10 + dig(buf, f + 6);
  const d = dig(buf, f + 8) * 10 + dig(buf, f + 9);
  if (y < 100 || m < 1 || m > 12 || d < 1) return Number.NaN;
  const monthDays = m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > monthDays) return Number.NaN;
  const day = epochDay(y, m, d) * 86_400_000;
  if (!withTime) return day;
  if (buf[f + 10] !== 84 || buf[f + 13] !== 58 || buf[f + 16] !== 58 || buf[f + 19] !== 90) return Number.NaN;
  const h = dig(buf, f + 11) * 10 + dig(buf, f + 12);
  const mi = dig(buf, f + 14) * 10 + dig(buf, f + 15);
  const s = dig(buf, f + 17) * 10 + dig(buf, f + 18);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return Number.NaN;
  return day + h * 3_600_000 + mi * 60_000 + s * 1000;
}

/** A canonical integer of at most 15 digits (`-?(0|[1-9][0-9]*)`), or NaN. */
function intOf(buf: Uint8Array, f: number, to: number): number {
  const neg = buf[f] === MINUS;
  const from = neg ? f + 1 : f;
  const n = to - from;
  if (n < 1 || n > 15 || (n > 1 && buf[from] === ZERO) || (neg && n === 1 && buf[from] === ZERO)) return Number.NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = (buf[i] ?? 0) - ZERO;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

/** A general-path cell: the decoded text of a field and the column it goes to; `false` = fall back. */
export type SlowCell = (c: number, row: number, text: string) => boolean;

/**
 * Appends the data rows of one CSV file (`buf`, header included) to `cols` from row `cols.length`. Returns false —
 * with `cols.length` unchanged — when the file is not in the canonical shape (or a cell is not canonical and `slow`
 * refuses it): the caller then reads the file with the general reader.
 */
export function appendCsv(
  buf: Buffer,
  header: Uint8Array,
  cols: ColumnSet,
  strings: ByteInterner,
  slow: SlowCell,
): boolean {
  const n = buf.length;
  if (n === 0) return true;
  if (n < header.length || (n > header.length && buf[header.length] !== LF)) return false;
  for (let i = 0; i < header.length; i++) if (buf[i] !== header[i]) return false;
  const types = cols.types;
  const width = types.length;
  let pos = header.length + 1;
  let row = cols.length;
  while (pos < n) {
    cols.ensure(row);
    for (let c = 0; c < width; c++) {
      let from = pos;
      let to: number;
      let quoted: string | undefined;
      if (buf[pos] === QUOTE) {
        // a quoted field: "" is a quote; it must close right before a comma, LF or the end
        const parts: number[] = [];
        let p = pos + 1;
        for (;;) {
          if (p >= n) return false;
          if (buf[p] === QUOTE) {
            if (buf[p + 1] === QUOTE) {
              parts.push(p);
              p += 2;
              continue;
            }
            break;
          }
          p++;
        }
        quoted = unquote(buf, pos + 1, p, parts);
        from = pos + 1;
        to = p;
        pos = p + 1;
      } else {
        let p = pos;
        for (;;) {
          const b = buf[p];
          if (b === COMMA || b === LF || p >= n) break;
          if (b === QUOTE || b === CR) return false;
          p++;
        }
        to = p;
        pos = p;
      }
      const last = c === width - 1;
      if (last ? pos < n && buf[pos] !== LF : buf[pos] !== COMMA) return false;
      pos++;
      const t = types[c];
      if (quoted !== undefined || !fastCell(buf, from, to, t, c, row, cols, strings)) {
        if (!slow(c, row, quoted ?? buf.toString("utf8", from, to))) return false;
      }
    }
    row++;
    if (pos < n && buf[pos] === LF) return false; // an empty line
  }
  cols.length = row;
  return true;
}

function unquote(buf: Buffer, from: number, to: number, escapes: readonly number[]): string {
  const text = (a: number, b: number) => buf.toString("utf8", a, b);
  if (escapes.length === 0) return text(from, to);
  let out = "";
  let at = from;
  for (const q of escapes) {
    out += `${text(at, q)}"`;
    at = q + 2;
  }
  return out + text(at, to);
}

function fastCell(
  buf: Buffer,
  from: number,
  to: number,
  t: CellType | undefined,
  c: number,
  row: number,
  cols: ColumnSet,
  strings: ByteInterner,
): boolean {
  if (t === CELL.string) {
    const codes = cols.strs[c];
    if (codes === undefined) return false;
    codes[row] = strings.codeOf(buf, from, to);
    return true;
  }
  const nums = cols.nums[c];
  if (nums === undefined) return false;
  const len = to - from;
  if (len === 0) {
    nums[row] = Number.NaN;
    return true;
  }
  let v = Number.NaN;
  if (t === CELL.integer) v = intOf(buf, from, to);
  else if (t === CELL.boolean) {
    if (len === 4 && buf[from] === 116 && buf[from + 1] === 114 && buf[from + 2] === 117 && buf[from + 3] === 101)
      v = 1;
    else if (len === 5 && buf[from] === 102 && buf[from + 1] === 97 && buf[from + 2] === 108) {
      if (buf[from + 3] === 115 && buf[from + 4] === 101) v = 0;
    }
  } else if (t === CELL.date) v = dateMs(buf, from, len, false);
  else if (t === CELL.datetime) v = dateMs(buf, from, len, true);
  // CELL.number: always the general path (String(n) === raw decides canonical form)
  if (Number.isNaN(v)) return false;
  nums[row] = v;
  return true;
}
