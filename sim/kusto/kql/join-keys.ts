/** The join's keys: string keys compared by dictionary code (no string hashing), row indexes without hashing. */
import { reader, type Table } from "./tables.ts";

export type Key = string | number | boolean;

export function keyOf(t: Table, names: readonly string[]): (i: number) => Key | undefined {
  const readers = names.map((n) => {
    const idx = t.names.indexOf(n);
    const col = t.columns[idx];
    if (col === undefined) throw new Error(`join key ${n} is not a column`);
    return reader(col);
  });
  const [only] = readers;
  // one key: its value is the hash key (the analyzer has checked both sides have the same type)
  if (readers.length === 1 && only !== undefined) return (i) => only(i) ?? undefined;
  return (i) => {
    let key = "";
    for (const r of readers) {
      const v = r(i);
      if (v === null) return undefined; // null keys match nothing (assumed, as == on nulls is never true)
      key += `${typeof v}:${String(v)}\u0000`;
    }
    return key;
  };
}

/**
 * String keys as numbers: each key pair's codes brought into one code space (the same dictionary: the codes
 * themselves; else the smaller dictionary's codes, -1 for a value it lacks), the pairs combined in mixed radix.
 * Undefined when a key is not a string column on both sides, or the combinations exceed 2^52.
 */
export function codeKeys(
  left: Table,
  right: Table,
  pairs: readonly { left: string; right: string }[],
): { lk: Float64Array; rk: Float64Array; card: number } | undefined {
  const lk = new Float64Array(left.length);
  const rk = new Float64Array(right.length);
  let card = 1;
  for (const p of pairs) {
    const lc = left.columns[left.names.indexOf(p.left)];
    const rc = right.columns[right.names.indexOf(p.right)];
    if (lc?.kind !== "str" || rc?.kind !== "str") return undefined;
    let lmap: (c: number) => number = (c) => c;
    let rmap: (c: number) => number = (c) => c;
    let width = lc.dict.length;
    if (lc.dict !== rc.dict) {
      const small = lc.dict.length <= rc.dict.length ? lc.dict : rc.dict;
      const large = small === lc.dict ? rc.dict : lc.dict;
      const index = new Map<string, number>();
      for (const [k, v] of small.entries()) if (!index.has(v)) index.set(v, k);
      const cache = new Int32Array(large.length).fill(-2);
      const toSmall = (c: number): number => {
        let v = cache[c] ?? -2;
        if (v === -2) {
          v = index.get(large[c] ?? "") ?? -1;
          cache[c] = v;
        }
        return v;
      };
      const own = (c: number): number => index.get(small[c] ?? "") ?? -1; // a repeated string's first code
      if (small === lc.dict) {
        lmap = own;
        rmap = toSmall;
      } else {
        lmap = toSmall;
        rmap = own;
      }
      width = small.length;
    }
    card *= Math.max(width, 1);
    if (card >= 2 ** 52) return undefined;
    const fill = (out: Float64Array, codes: Int32Array, map: (c: number) => number) => {
      for (let i = 0; i < out.length; i++) {
        const prev = out[i] ?? 0;
        const c = map(codes[i] ?? 0);
        out[i] = prev < 0 || c < 0 ? -1 : prev * width + c;
      }
    };
    fill(lk, lc.codes, lmap);
    fill(rk, rc.codes, rmap);
  }
  return { lk, rk, card };
}

export interface KeyIndex {
  get(k: Key): number | undefined;
  set(k: Key, v: number): void;
}

/** A key → row index over numeric keys 0..card-1 (a typed array, no hashing). */
export function tableIndex(card: number): KeyIndex {
  const table = new Int32Array(card).fill(-1);
  return {
    get: (k) => {
      const v = table[k as number] ?? -1;
      return v < 0 ? undefined : v;
    },
    set: (k, v) => {
      table[k as number] = v;
    },
  };
}

/** A growable list of row indexes. */
export class IntList {
  private a = new Int32Array(1024);
  private n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const next = new Int32Array(this.a.length * 2);
      next.set(this.a);
      this.a = next;
    }
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    return this.a.slice(0, this.n);
  }
}

/** Key readers: numbers from the string codes when possible, else the values (joined in a string for several). */
export function joinKeyReaders(
  left: Table,
  right: Table,
  pairs: readonly { left: string; right: string }[],
): { lk: (i: number) => Key | undefined; rk: (j: number) => Key | undefined; card?: number } {
  const coded = codeKeys(left, right, pairs);
  if (coded !== undefined) {
    const { lk, rk, card } = coded;
    const at = (a: Float64Array) => (i: number) => {
      const v = a[i] ?? -1;
      return v < 0 ? undefined : v;
    };
    return { lk: at(lk), rk: at(rk), card };
  }
  return {
    lk: keyOf(
      left,
      pairs.map((p) => p.left),
    ),
    rk: keyOf(
      right,
      pairs.map((p) => p.right),
    ),
  };
}
