/**
 * `join` (hash join on equality keys; kinds per learn.microsoft.com/kusto/query/join-operator, default innerunique).
 * `union`, `sort` and `take` are in union.ts.
 */
import type { SyntaxNode } from "../analyzer.ts";
import type { Scope } from "./eval-expr.ts";
import { IntList, joinKeyReaders, type Key, tableIndex } from "./join-keys.ts";
import { type Syntax, unsupported } from "./syntax.ts";
import { asType, type Column, gather, type Table } from "./tables.ts";

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

export function join(op: SyntaxNode, left: Table, right: Table, scope: Scope): Table {
  const s = scope.env.s;
  const kind = joinKind(s, op);
  const on = s.child(op, "JoinOnClause");
  if (on === undefined) return unsupported(s, op, "a join without 'on'");
  const { lk, rk, card } = joinKeyReaders(left, right, joinKeys(s, on));
  // right rows by key: the first row of each key, then a chain through `next` in row order (no array per key)
  const direct = card !== undefined && card <= Math.max(1 << 22, 4 * (left.length + right.length));
  const index = direct ? tableIndex(card) : new Map<Key, number>();
  const next = new Int32Array(right.length).fill(-1);
  for (let j = right.length - 1; j >= 0; j--) {
    const k = rk(j);
    if (k === undefined) continue;
    const head = index.get(k);
    if (head !== undefined) next[j] = head;
    index.set(k, j);
  }
  const li = new IntList();
  const ri = new IntList();
  const matchedRight = new Uint8Array(right.length);
  const seenLeft = kind !== "innerunique" ? undefined : direct ? tableIndex(card) : new Map<Key, number>();
  for (let i = 0; i < left.length; i++) {
    const k = lk(i);
    const matches = k === undefined ? undefined : index.get(k);
    if (kind === "innerunique") {
      // the left side is deduplicated on the key (its first row kept), then an inner join
      if (k === undefined || seenLeft === undefined || seenLeft.get(k) !== undefined) continue;
      seenLeft.set(k, 1);
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
  const lIdx = li.done();
  const rIdx = ri.done();
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
