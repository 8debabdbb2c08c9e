/**
 * The audit's linear system: published cells (visible = constants, suppressed = unknowns with the bounds an outsider
 * knows), relations between them, and the exposure rule (docs/privacy.md). Solved by ./solve.ts.
 */
import { MIN_CELL } from "#core/suppress.ts";

/** One published figure: a known value, or an unknown (suppressed) one with the bounds an outsider knows. */
export interface AuditCell {
  /** null = suppressed (an unknown) */
  readonly value: number | null;
  /** smallest value an outsider knows it can take (0 for counts; 1 for a row listed only when non-empty) */
  readonly lower: number;
  /** "cell" (default): a published figure; "helper": an unpublished sum, never reported; "difference": an
   * unpublished difference of figures (e.g. between two snapshots), exposed when pinned near a small count */
  readonly kind?: CellKind;
}

export type CellKind = "cell" | "helper" | "difference";

/** lo ≤ Σ coef · cell ≤ hi over cell ids. */
export interface Relation {
  readonly terms: readonly (readonly [string, number])[];
  readonly lo: number;
  readonly hi: number;
}

export interface AuditSystem {
  readonly cells: Map<string, AuditCell>;
  readonly relations: Relation[];
}

export interface Range {
  readonly lo: number;
  readonly hi: number;
}

export interface SolveStats {
  components: number;
  largestComponent: number;
  lpSolves: number;
  milpSolves: number;
  /** relations that involve at least one unknown */
  activeRelations: number;
  infeasible: number;
}

export const newSystem = (): AuditSystem => ({ cells: new Map(), relations: [] });

/** Registers a cell; the same id twice must agree (a figure published in two places is one cell). */
export function addCell(
  sys: AuditSystem,
  id: string,
  value: number | null,
  lower = 0,
  kind: CellKind = "cell",
): string {
  const old = sys.cells.get(id);
  if (old !== undefined) {
    if (old.value !== value) throw new Error(`audit cell ${id} published twice with different values`);
    if (lower > old.lower) sys.cells.set(id, { ...old, lower });
    return id;
  }
  sys.cells.set(id, kind === "cell" ? { value, lower } : { value, lower, kind });
  return id;
}

/** total = Σ parts */
export function sumRelation(sys: AuditSystem, total: string, parts: readonly string[]): void {
  if (parts.length === 0) return;
  sys.relations.push({ terms: [[total, -1], ...parts.map((p): [string, number] => [p, 1])], lo: 0, hi: 0 });
}

/** a ≤ b */
export function leqRelation(sys: AuditSystem, a: string, b: string): void {
  sys.relations.push({
    terms: [
      [b, 1],
      [a, -1],
    ],
    lo: 0,
    hi: Number.POSITIVE_INFINITY,
  });
}

/** An unknown's range is exposed when it leaves fewer than k candidate values; a difference only when it also may
 * be a small count (1 … k−1): a difference pinned to 0 or to ≥ k people reveals no small group. */
export function isExposed(r: Range, k = MIN_CELL, kind: CellKind = "cell"): boolean {
  if (kind === "helper") return false;
  const narrow = r.hi - r.lo < k - 1;
  return kind === "difference" ? narrow && r.lo <= k - 1 && r.hi >= 1 : narrow;
}
