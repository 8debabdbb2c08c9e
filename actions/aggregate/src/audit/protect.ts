/**
 * Suppression that passes the attacker's solver. `protect()` (core/suppress.ts) gives primary and the
 * pairwise complementary suppression; this loop then models the book as an outsider sees it — hidden cells as
 * non-negative integer unknowns with their known lower bounds (book.lower), every group as an equality, monotone
 * chains (cumulative series, nested funnels) as inequalities — computes each hidden cell's feasible range with
 * HiGHS (LP, then MILP when fractional), and hides more cells around every cell pinned to fewer than k values,
 * until none is. Deterministic: cells are visited in registration order and the solver's ranges are exact.
 */
import { type CellBook, MIN_CELL, protect } from "#core/suppress.ts";
import { type AuditSystem, addCell, exposedCells, leqRelation, newSystem, type Range, sumRelation } from "./solve.ts";

export interface ProtectResult {
  readonly hidden: Set<string>;
  readonly rounds: number;
  /** cells hidden by the solver check on top of protect() */
  readonly added: number;
}

/** A chain of ≥ 3 points whose values never fall (or never rise) is monotone, and an outsider knows it. */
function direction(book: CellBook, chain: readonly string[]): "up" | "down" | null {
  if (chain.length < 3) return null;
  const v = chain.map((k) => book.values.get(k) ?? 0);
  if (v.every((x, i) => i === 0 || x >= (v[i - 1] ?? 0))) return "up";
  if (v.every((x, i) => i === 0 || x <= (v[i - 1] ?? 0))) return "down";
  return null;
}

/** The book as the solver sees it once `hidden` is decided. */
export function bookSystem(book: CellBook, hidden: ReadonlySet<string>): AuditSystem {
  const sys = newSystem();
  for (const [k, v] of book.values) addCell(sys, k, hidden.has(k) ? null : v, book.lower.get(k) ?? 0);
  for (const g of book.groups) sumRelation(sys, g.total, g.members);
  for (const [a, b] of book.leq) leqRelation(sys, a, b);
  for (const c of book.chains) {
    const dir = direction(book, c);
    for (let i = 1; i < c.length && dir !== null; i++) {
      const [a, b] = [c[i - 1] ?? "", c[i] ?? ""];
      if (dir === "up") leqRelation(sys, a, b);
      else leqRelation(sys, b, a);
    }
  }
  return sys;
}

interface Index {
  readonly groups: Map<string, number[]>;
  readonly chains: Map<string, number[]>;
  readonly leq: Map<string, string[]>;
}

function indexBook(book: CellBook): Index {
  const groups = new Map<string, number[]>();
  const chains = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, i: number) => m.set(k, [...(m.get(k) ?? []), i]);
  book.groups.forEach((g, i) => {
    add(groups, g.total, i);
    for (const m of g.members) add(groups, m, i);
  });
  book.chains.forEach((c, i) => {
    for (const k of c) add(chains, k, i);
  });
  const leq = new Map<string, string[]>();
  for (const [a, b] of book.leq) {
    leq.set(a, [...(leq.get(a) ?? []), b]);
    leq.set(b, [...(leq.get(b) ?? []), a]);
  }
  return { groups, chains, leq };
}

/** Cells whose suppression widens an exposed cell's range: per group, its smallest visible non-zero other cell;
 * per chain, the nearest visible points on both sides; the other side of an inequality. */
function candidates(book: CellBook, idx: Index, hidden: ReadonlySet<string>, x: string): string[] {
  const out: string[] = [];
  const val = (k: string) => book.values.get(k) ?? 0;
  for (const gi of idx.groups.get(x) ?? []) {
    const g = book.groups[gi];
    if (g === undefined) continue;
    let pick: string | undefined;
    for (const k of [...g.members, g.total]) {
      if (k === x || hidden.has(k) || val(k) === 0) continue;
      if (pick === undefined || val(k) < val(pick)) pick = k;
    }
    if (pick !== undefined) out.push(pick);
  }
  for (const ci of idx.chains.get(x) ?? []) {
    const c = book.chains[ci] ?? [];
    const at = c.indexOf(x);
    const before = c.slice(0, at).reverse();
    const after = c.slice(at + 1);
    for (const side of [before, after]) {
      const k = side.find((s) => !hidden.has(s));
      if (k !== undefined) out.push(k);
    }
  }
  for (const k of idx.leq.get(x) ?? []) if (!hidden.has(k)) out.push(k);
  return out;
}

/** Every visible cell reachable from `x` through relations and hidden cells. */
function frontier(book: CellBook, idx: Index, hidden: ReadonlySet<string>, x: string): string[] {
  const seen = new Set<string>([x]);
  const out = new Set<string>();
  const queue = [x];
  for (let k = queue.pop(); k !== undefined; k = queue.pop()) {
    for (const n of related(book, idx, k)) {
      if (seen.has(n)) continue;
      seen.add(n);
      if (hidden.has(n)) queue.push(n);
      else out.add(n);
    }
  }
  return [...out];
}

/** Every visible cell sharing a relation with `x`. */
function neighbours(book: CellBook, idx: Index, hidden: ReadonlySet<string>, x: string): string[] {
  return [...related(book, idx, x)].filter((k) => k !== x && !hidden.has(k));
}

function related(book: CellBook, idx: Index, x: string): Set<string> {
  const out = new Set<string>();
  for (const gi of idx.groups.get(x) ?? []) {
    const g = book.groups[gi];
    for (const k of g === undefined ? [] : [g.total, ...g.members]) out.add(k);
  }
  for (const ci of idx.chains.get(x) ?? []) for (const k of book.chains[ci] ?? []) out.add(k);
  for (const k of idx.leq.get(x) ?? []) out.add(k);
  return out;
}

const MAX_ROUNDS = 50;

/** `initial`: cells hidden from the start (counts published only merged into a coarser cell, src/grain.ts). */
export async function protectAudited(
  book: CellBook,
  k = MIN_CELL,
  initial: Iterable<string> = [],
): Promise<ProtectResult> {
  const extra = new Set<string>(initial);
  const idx = indexBook(book);
  const cache = new Map<string, Range[]>();
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const hidden = protect(book, extra);
    const { exposed } = await exposedCells(bookSystem(book, hidden), { k, cache, witness: book.values });
    if (exposed.length === 0) return { hidden, rounds: round, added: extra.size };
    const before = extra.size;
    for (const x of exposed) for (const c of candidates(book, idx, hidden, x)) extra.add(c);
    // nothing left to pick among the smallest non-zero neighbours: hide every visible neighbour, zeros included
    if (extra.size === before) for (const x of exposed) for (const c of neighbours(book, idx, hidden, x)) extra.add(c);
    // still nothing: the bound comes from further away — every visible cell reachable through hidden ones
    if (extra.size === before) for (const x of exposed) for (const c of frontier(book, idx, hidden, x)) extra.add(c);
    if (extra.size === before) throw new Error(`suppression: ${exposed.length} hidden cells stay exposed`);
  }
  throw new Error(`suppression: no fixpoint after ${MAX_ROUNDS} rounds`);
}
