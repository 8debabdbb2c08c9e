/**
 * THE small-cell rule, shared by aggregation and the worker: a number counting 1–4 people is published as
 * `{ value: null, suppressed: true }`, and so is anything computed from such a number. Zero is published (it names
 * nobody). `protect()` adds complementary suppression so hidden counts cannot be recovered by differencing:
 *  - additive groups (a total and the cells summing to it): no hidden cell is alone in its group (it would be
 *    derivable exactly), and the hidden part a reader can derive (total − visible cells) never lies in 1–4;
 *  - chains (cumulative series, nested funnels, a KPI's previous → current): the difference between consecutive
 *    visible points never lies in 1–4.
 */
export const MIN_CELL = 5;

export interface Cell {
  readonly value: number | null;
  readonly suppressed: boolean;
}

/** True for a count (or a difference of counts) that would expose 1–4 people. */
export function isSmall(n: number): boolean {
  const a = Math.abs(n);
  return a > 0 && a < MIN_CELL;
}

/** The primary rule for one count of people. */
export function suppress(count: number): Cell {
  return isSmall(count) ? SUPPRESSED : { value: count, suppressed: false };
}

export const SUPPRESSED: Cell = Object.freeze({ value: null, suppressed: true });
export const EMPTY: Cell = Object.freeze({ value: null, suppressed: false });

export function visible(value: number): Cell {
  return { value: normalize(value), suppressed: false };
}

/** Fixed number formatting: at most 4 decimals, no negative zero. */
export function round4(x: number): number {
  const r = Math.round(x * 10_000) / 10_000;
  return Object.is(r, -0) ? 0 : r;
}

function normalize(x: number): number {
  return Number.isInteger(x) ? x : round4(x);
}

/** A value computed from cells: suppressed when any input is, undefined (null) when `compute` returns null. */
export function derive(inputs: readonly Cell[], compute: (...values: number[]) => number | null): Cell {
  if (inputs.some((c) => c.suppressed)) return SUPPRESSED;
  const vals: number[] = [];
  for (const c of inputs) {
    if (c.value === null) return EMPTY;
    vals.push(c.value);
  }
  const v = compute(...vals);
  return v === null || !Number.isFinite(v) ? EMPTY : visible(v);
}

/** num / den, 4 decimals; null over a zero denominator. */
export function rate(num: Cell, den: Cell): Cell {
  return derive([num, den], (n, d) => (d === 0 ? null : n / d));
}

export interface Group {
  readonly total: string;
  readonly members: readonly string[];
}

/** Counts keyed by name, with the relations a reader could use to difference them. */
export interface CellBook {
  readonly values: Map<string, number>;
  readonly groups: Group[];
  readonly chains: (readonly string[])[];
  /** the smallest value an outsider knows a cell takes when it is hidden (default 0; 1 for a row listed only when
   * non-empty) — used by the aggregation's solver check (actions/aggregate/src/audit/protect.ts) */
  readonly lower: Map<string, number>;
  /** [a, b]: an outsider knows a ≤ b (e.g. people with both dates ≤ people who reached the stage) */
  readonly leq: (readonly [string, string])[];
}

export function newBook(): CellBook {
  return { values: new Map(), groups: [], chains: [], lower: new Map(), leq: [] };
}

/** Registers a count; registering the same key twice must give the same value (shared cells across files). */
export function put(book: CellBook, key: string, value: number): string {
  const old = book.values.get(key);
  if (old !== undefined && old !== value) throw new Error(`cell ${key}: ${old} vs ${value}`);
  book.values.set(key, value);
  return key;
}

function val(book: CellBook, key: string): number {
  const v = book.values.get(key);
  if (v === undefined) throw new Error(`unknown cell ${key}`);
  return v;
}

/** Primary + complementary suppression to a fixpoint, starting from `initial` hidden keys; returns the hidden keys. */
export function protect(book: CellBook, initial: Iterable<string> = []): Set<string> {
  const hidden = new Set<string>(initial);
  for (const [k, v] of book.values) if (isSmall(v)) hidden.add(k);
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of book.groups) if (protectGroup(book, g, hidden)) changed = true;
    for (const c of book.chains) if (protectChain(book, c, hidden)) changed = true;
  }
  return hidden;
}

function protectGroup(book: CellBook, g: Group, hidden: Set<string>): boolean {
  const hiddenMembers = g.members.filter((m) => hidden.has(m));
  const totalHidden = hidden.has(g.total);
  const hiddenCount = hiddenMembers.length + (totalHidden ? 1 : 0);
  // A single hidden cell in a group is derivable exactly; with a visible total, so is the sum of hidden members.
  const sumExposed = !totalHidden && isSmall(hiddenMembers.reduce((s, m) => s + val(book, m), 0));
  if (hiddenCount !== 1 && !sumExposed) return false;
  let pick: string | undefined;
  for (const m of g.members) {
    const v = val(book, m);
    if (hidden.has(m) || v === 0) continue;
    if (pick === undefined || v < val(book, pick)) pick = m;
  }
  if (pick === undefined) {
    if (totalHidden || val(book, g.total) === 0) return false;
    pick = g.total;
  }
  hidden.add(pick);
  return true;
}

function protectChain(book: CellBook, chain: readonly string[], hidden: Set<string>): boolean {
  let last: number | undefined;
  let changed = false;
  for (const k of chain) {
    if (hidden.has(k)) continue;
    const v = val(book, k);
    if (last !== undefined && isSmall(v - last)) {
      hidden.add(k);
      changed = true;
      continue;
    }
    last = v;
  }
  return changed;
}

/** The published form of a registered count after `protect()`. */
export function cellOf(book: CellBook, hidden: ReadonlySet<string>, key: string): Cell {
  return hidden.has(key) ? SUPPRESSED : visible(val(book, key));
}
