/** Hash grouping of rows by key closures: a group id per row, the first row of each group. */
import type { SyntaxNode } from "../analyzer.ts";
import type { Fn } from "./functions.ts";
import type { Syntax } from "./syntax.ts";
import type { Scalar, StrColumn, Table } from "./tables.ts";

/** A grouping key: a closure, or a string column read through its dictionary codes (no string hashing). */
export type GroupKey = Fn | { readonly column: StrColumn };

export interface Groups {
  /** group id of each row */
  readonly ids: Int32Array;
  /** first row of each group, in order of first appearance */
  readonly first: number[];
}

const NULL_KEY = Symbol("null");

/** Groups rows 0..n-1 by the values of `keys` (null is a key value of its own, as in summarize/distinct). */
export function groupRows(n: number, keys: readonly GroupKey[]): Groups {
  if (keys.length === 0) {
    return { ids: new Int32Array(n), first: [0] };
  }
  // each key's values → dense codes, then the codes combined (mixed radix while exact, else a string)
  const codes: Int32Array[] = [];
  const cards: number[] = [];
  for (const key of keys) {
    const out = new Int32Array(n);
    if (typeof key !== "function") {
      const { codes: src, dict } = key.column;
      const remap = new Int32Array(dict.length).fill(-1);
      let card = 0;
      for (let i = 0; i < n; i++) {
        const c = src[i] ?? 0;
        let d = remap[c] ?? -1;
        if (d < 0) {
          d = card++;
          remap[c] = d;
        }
        out[i] = d;
      }
      codes.push(out);
      cards.push(Math.max(card, 1));
      continue;
    }
    const map = new Map<Scalar | symbol, number>();
    for (let i = 0; i < n; i++) {
      const v = key(i);
      const k = v === null ? NULL_KEY : v;
      let c = map.get(k);
      if (c === undefined) {
        c = map.size;
        map.set(k, c);
      }
      out[i] = c;
    }
    codes.push(out);
    cards.push(Math.max(map.size, 1));
  }
  const ids = new Int32Array(n);
  const first: number[] = [];
  const only = codes.length === 1 ? codes[0] : undefined;
  if (only !== undefined) {
    // one key: its dense codes (0, 1, … in order of first appearance) are the group ids
    for (let i = 0; i < n; i++) {
      const c = only[i] ?? 0;
      if (c === first.length) first.push(i);
    }
    return { ids: only, first };
  }
  const product = cards.reduce((a, b) => a * b, 1);
  if (product <= Math.max(1 << 20, 2 * n)) {
    // few combinations: a direct table instead of a hash map
    const table = new Int32Array(product).fill(-1);
    for (let i = 0; i < n; i++) {
      let combined = 0;
      for (let k = 0; k < codes.length; k++) combined = combined * (cards[k] ?? 1) + (codes[k]?.[i] ?? 0);
      let g = table[combined] ?? -1;
      if (g < 0) {
        g = first.length;
        table[combined] = g;
        first.push(i);
      }
      ids[i] = g;
    }
    return { ids, first };
  }
  if (product < 2 ** 52) {
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let combined = 0;
      for (let k = 0; k < codes.length; k++) combined = combined * (cards[k] ?? 1) + (codes[k]?.[i] ?? 0);
      let g = map.get(combined);
      if (g === undefined) {
        g = first.length;
        map.set(combined, g);
        first.push(i);
      }
      ids[i] = g;
    }
    return { ids, first };
  }
  const map = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let key = "";
    for (const c of codes) key += `${c[i] ?? 0},`;
    let g = map.get(key);
    if (g === undefined) {
      g = first.length;
      map.set(key, g);
      first.push(i);
    }
    ids[i] = g;
  }
  return { ids, first };
}

/** The string column an expression names directly (a column reference), for grouping by its codes. */
export function stringColumnOf(s: Syntax, expr: SyntaxNode, t: Table): { readonly column: StrColumn } | undefined {
  if (s.kind(expr) !== "NameReference" || s.symbolOf(expr)?.kind !== "ColumnSymbol") return undefined;
  const col = t.columns[t.names.indexOf(s.nameOf(expr))];
  return col?.kind === "str" ? { column: col } : undefined;
}
