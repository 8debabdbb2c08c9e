/**
 * `join` (hash join on equality keys; kinds per learn.microsoft.com/kusto/query/join-operator, default innerunique),
 * `union` (columns matched by name) and `sort` (nulls placement per the sort operator's documentation).
 */
import type { SyntaxNode } from "../analyzer.ts";
import { compile, type Scope } from "./eval-expr.ts";
import type { Fn } from "./functions.ts";
import { literal } from "./literals.ts";
import { type Syntax, unsupported } from "./syntax.ts";
import { asType, type Column, computeColumn, gather, reader, type Scalar, type Table } from "./tables.ts";

const KINDS = new Set([
  "innerunique",
  "inner",
  "leftouter",
  "rightouter",
  "fullouter",
  "leftanti",
  "leftantisemi",
  "rightanti",
  "rightantisemi",
  "leftsemi",
  "rightsemi",
]);

function joinKind(s: Syntax, op: SyntaxNode): string {
  for (const list of s.children(op).filter((c) => s.kind(c) === "List")) {
    for (const p of s.elements(list)) {
      if (s.kind(p) !== "NamedParameter") continue;
      const [name, value] = s.parts(p);
      if (name !== undefined && value !== undefined && s.nameOf(name) === "kind") {
        const kind = s.text(value).trim().toLowerCase();
        if (!KINDS.has(kind)) unsupported(s, p, `join kind=${kind}`);
        return kind;
      }
    }
  }
  return "innerunique";
}

function pathSide(s: Syntax, node: SyntaxNode): { side: "left" | "right"; column: string } | undefined {
  if (s.kind(node) !== "PathExpression") return undefined;
  const [head, tail] = s.parts(node);
  if (head === undefined || tail === undefined) return undefined;
  const side = s.nameOf(head);
  if (side !== "$left" && side !== "$right") return undefined;
  return { side: side === "$left" ? "left" : "right", column: s.nameOf(tail) };
}

/** The key column pairs of `on a, b` / `on $left.a == $right.b and …`. */
function joinKeys(s: Syntax, on: SyntaxNode): { left: string; right: string }[] {
  const out: { left: string; right: string }[] = [];
  const visit = (e: SyntaxNode): void => {
    const kind = s.kind(e);
    if (kind === "NameReference") {
      const name = s.nameOf(e);
      out.push({ left: name, right: name });
      return;
    }
    if (kind === "AndExpression") {
      for (const p of s.parts(e)) visit(p);
      return;
    }
    if (kind === "EqualExpression") {
      const [a, b] = s.parts(e).map((p) => pathSide(s, p));
      if (a !== undefined && b !== undefined && a.side !== b.side) {
        out.push(a.side === "left" ? { left: a.column, right: b.column } : { left: b.column, right: a.column });
        return;
      }
    }
    unsupported(s, e, "this join condition (use 'on col' or 'on $left.a == $right.b')");
  };
  for (const e of s.elements(s.child(on, "List"))) visit(e);
  return out;
}

type Key = string | number | boolean;

function keyOf(t: Table, names: readonly string[]): (i: number) => Key | undefined {
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

export function join(op: SyntaxNode, left: Table, right: Table, scope: Scope): Table {
  const s = scope.env.s;
  const kind = joinKind(s, op);
  const on = s.child(op, "JoinOnClause");
  if (on === undefined) return unsupported(s, op, "a join without 'on'");
  const pairs = joinKeys(s, on);
  const lk = keyOf(
    left,
    pairs.map((p) => p.left),
  );
  const rk = keyOf(
    right,
    pairs.map((p) => p.right),
  );
  // right rows by key: the first row of each key, then a chain through `next` in row order (no array per key)
  const index = new Map<Key, number>();
  const next = new Int32Array(right.length).fill(-1);
  for (let j = right.length - 1; j >= 0; j--) {
    const k = rk(j);
    if (k === undefined) continue;
    const head = index.get(k);
    if (head !== undefined) next[j] = head;
    index.set(k, j);
  }
  const li: number[] = [];
  const ri: number[] = [];
  const matchedRight = new Uint8Array(right.length);
  const seenLeft = new Set<Key>();
  for (let i = 0; i < left.length; i++) {
    const k = lk(i);
    const matches = k === undefined ? undefined : index.get(k);
    if (kind === "innerunique") {
      // the left side is deduplicated on the key (its first row kept), then an inner join
      if (k === undefined || seenLeft.has(k)) continue;
      seenLeft.add(k);
    }
    if (matches === undefined) {
      if (kind === "leftouter" || kind === "fullouter" || kind === "leftanti" || kind === "leftantisemi") {
        li.push(i);
        ri.push(-1);
      }
      continue;
    }
    if (kind === "leftanti" || kind === "leftantisemi") continue;
    if (kind === "leftsemi") {
      li.push(i);
      ri.push(-1);
      continue;
    }
    for (let j = matches; j >= 0; j = next[j] ?? -1) {
      matchedRight[j] = 1;
      if (kind === "rightanti" || kind === "rightantisemi" || kind === "rightsemi") continue;
      li.push(i);
      ri.push(j);
    }
  }
  if (
    kind === "rightanti" ||
    kind === "rightantisemi" ||
    kind === "rightsemi" ||
    kind === "rightouter" ||
    kind === "fullouter"
  ) {
    const wantMatched = kind === "rightsemi";
    if (kind === "rightouter") {
      // rightouter: every matched pair (already collected) plus the unmatched right rows
    }
    for (let j = 0; j < right.length; j++) {
      const matched = matchedRight[j] === 1;
      if (kind === "rightouter" || kind === "fullouter") {
        if (!matched) {
          li.push(-1);
          ri.push(j);
        }
      } else if (matched === wantMatched) {
        li.push(-1);
        ri.push(j);
      }
    }
  }
  const out = s.columnsOf(op);
  const lIdx = Int32Array.from(li);
  const rIdx = Int32Array.from(ri);
  const sides: Column[] =
    kind === "leftanti" || kind === "leftantisemi" || kind === "leftsemi"
      ? left.columns.map((c) => gather(c, lIdx))
      : kind === "rightanti" || kind === "rightantisemi" || kind === "rightsemi"
        ? right.columns.map((c) => gather(c, rIdx))
        : [...left.columns.map((c) => gather(c, lIdx)), ...right.columns.map((c) => gather(c, rIdx))];
  if (sides.length !== out.length) unsupported(s, op, "a join whose result schema the simulator cannot map");
  const n = lIdx.length;
  return {
    names: out.map((c) => c.name),
    columns: sides.map((c, k) => asType(c, out[k]?.type ?? c.type, n)),
    length: n,
  };
}

export function union(op: SyntaxNode, inputs: readonly Table[], scope: Scope): Table {
  const out = scope.env.s.columnsOf(op);
  const total = inputs.reduce((a, t) => a + t.length, 0);
  const columns = out.map((c) => {
    const parts = inputs.map((t) => {
      const col = t.columns[t.names.indexOf(c.name)];
      return col === undefined ? undefined : reader(col);
    });
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
