/** `union` (columns matched by name), `sort` (nulls placement per the sort operator's documentation), `take`. */
import type { SyntaxNode } from "../analyzer.ts";
import { compile, type Scope } from "./eval-expr.ts";
import type { Fn } from "./functions.ts";
import { literal } from "./literals.ts";
import { unsupported } from "./syntax.ts";
import { type Column, computeColumn, gather, reader, type Scalar, type Table } from "./tables.ts";

/**
 * The parts of a union column end to end without reading values: numbers into a numeric column, strings when all
 * parts share one dictionary (the aggregate database's). Undefined otherwise (a part lacks the column, or types mix).
 */
function concatColumns(
  type: string,
  cols: readonly (Column | undefined)[],
  lengths: readonly number[],
  total: number,
): Column | undefined {
  const [first] = cols;
  if (first === undefined) return undefined;
  if (first.kind === "str" && type === "string") {
    const codes = new Int32Array(total);
    let at = 0;
    for (const [k, c] of cols.entries()) {
      if (c?.kind !== "str" || c.dict !== first.dict) return undefined;
      const n = lengths[k] ?? 0;
      codes.set(c.codes.subarray(0, n), at);
      at += n;
    }
    return { kind: "str", type: "string", codes, dict: first.dict };
  }
  if (first.kind !== "num" || type === "string") return undefined;
  const data = new Float64Array(total);
  let at = 0;
  for (const [k, c] of cols.entries()) {
    if (c?.kind !== "num") return undefined;
    const n = lengths[k] ?? 0;
    data.set(c.data.subarray(0, n), at);
    at += n;
  }
  return { kind: "num", type, data };
}

export function union(op: SyntaxNode, inputs: readonly Table[], scope: Scope): Table {
  const out = scope.env.s.columnsOf(op);
  const total = inputs.reduce((a, t) => a + t.length, 0);
  const columns = out.map((c): Column => {
    const cols = inputs.map((t) => t.columns[t.names.indexOf(c.name)]);
    const concat = concatColumns(
      c.type,
      cols,
      inputs.map((t) => t.length),
      total,
    );
    if (concat !== undefined) return concat;
    const parts = cols.map((col) => (col === undefined ? undefined : reader(col)));
    const offsets: number[] = [];
    let acc = 0;
    for (const t of inputs) {
      offsets.push(acc);
      acc += t.length;
    }
    let k = 0;
    return computeColumn(c.type, total, (i) => {
      while (k + 1 < inputs.length && i >= (offsets[k + 1] ?? total)) k++;
      const r = parts[k];
      return r === undefined ? null : r(i - (offsets[k] ?? 0));
    });
  });
  return { names: out.map((c) => c.name), columns, length: total };
}

export function sort(op: SyntaxNode, input: Table, scope: Scope): Table {
  const s = scope.env.s;
  const lists = s.children(op).filter((c) => s.kind(c) === "List");
  const items = s.elements(lists.at(-1));
  const keys = items.map((item) => {
    const ordered = s.kind(item) === "OrderedExpression";
    const [expr, clause] = ordered ? s.parts(item) : [item, undefined];
    if (expr === undefined) return unsupported(s, item);
    const words = clause === undefined ? "" : s.text(clause).toLowerCase();
    const asc = /\basc\b/.test(words);
    const nullsFirst = /\bnulls\s+first\b/.test(words) ? true : /\bnulls\s+last\b/.test(words) ? false : asc;
    const f: Fn = compile(expr, scope);
    const values: Scalar[] = new Array<Scalar>(input.length);
    for (let i = 0; i < input.length; i++) values[i] = f(i);
    return { values, asc, nullsFirst };
  });
  const order = Array.from({ length: input.length }, (_, i) => i);
  order.sort((a, b) => {
    for (const k of keys) {
      const x = k.values[a] ?? null;
      const y = k.values[b] ?? null;
      if (x === y) continue;
      if (x === null) return k.nullsFirst ? -1 : 1;
      if (y === null) return k.nullsFirst ? 1 : -1;
      const c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return k.asc ? c : -c;
    }
    return 0;
  });
  const idx = Int32Array.from(order);
  return { names: input.names, columns: input.columns.map((c) => gather(c, idx)), length: idx.length };
}

/** `take n` / `limit n` */
export function take(op: SyntaxNode, input: Table, scope: Scope): Table {
  const s = scope.env.s;
  const expr = s.parts(op).at(-1);
  if (expr === undefined) return unsupported(s, op);
  const n = s.kind(expr).endsWith("LiteralExpression") ? literal(s, expr) : compile(expr, scope)(0);
  const count = Math.max(0, Math.min(input.length, typeof n === "number" ? Math.trunc(n) : 0));
  const idx = Int32Array.from({ length: count }, (_, i) => i);
  return { names: input.names, columns: input.columns.map((c) => gather(c, idx)), length: count };
}
