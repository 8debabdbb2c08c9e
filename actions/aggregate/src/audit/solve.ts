/**
 * The attacker's solver: a linear system over published cells (visible cells are constants, suppressed cells are
 * unknowns) and, for every unknown, its feasible range — LP (HiGHS) first, then MILP when the LP optimum is
 * fractional, so integrality is modelled. Unknowns are split into connected components (unknowns that share a
 * relation) and each component is one small HiGHS model re-solved per objective.
 *
 * The rule (docs/privacy.md): a suppressed cell is exposed when its integer feasible range [lo, hi] is narrower than
 * [0, k−1], i.e. hi − lo < k − 1: the attacker can pin it to fewer than k candidate values.
 */
import type { Highs } from "highs";
import { MIN_CELL } from "#core/suppress.ts";
import { type AuditSystem, isExposed, type Range, type SolveStats } from "./system.ts";

export * from "./system.ts";

let highsPromise: Promise<Highs> | undefined;
/** The package ships ESM under its "import" condition, but its declarations are typed as CommonJS under NodeNext. */
async function loadHighs(): Promise<Highs> {
  const mod = (await import("highs")) as unknown as { default: () => Promise<Highs> };
  return mod.default();
}

export function highs(): Promise<Highs> {
  const p = highsPromise ?? loadHighs();
  highsPromise = p;
  return p;
}

interface Reduced {
  readonly vars: string[];
  readonly rows: { idx: number[]; coef: number[]; lo: number; hi: number }[];
}

/** Substitutes known values; keeps rows with an unknown; splits unknowns into components (union-find). */
function reduce(sys: AuditSystem, stats: SolveStats): Reduced[] {
  const unknown = [...sys.cells].filter(([, c]) => c.value === null).map(([id]) => id);
  const index = new Map(unknown.map((id, i) => [id, i]));
  const parent = unknown.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    let j = i;
    while (parent[j] !== r) {
      const next = parent[j] ?? r;
      parent[j] = r;
      j = next;
    }
    return r;
  };
  const rows: { vars: number[]; coef: number[]; lo: number; hi: number }[] = [];
  for (const rel of sys.relations) {
    let constant = 0;
    const coefs = new Map<number, number>();
    for (const [id, c] of rel.terms) {
      const cell = sys.cells.get(id);
      if (cell === undefined) throw new Error(`relation names unknown cell ${id}`);
      if (cell.value === null) {
        const i = index.get(id) ?? -1;
        coefs.set(i, (coefs.get(i) ?? 0) + c);
      } else constant += c * cell.value;
    }
    const vars = [...coefs].filter(([, c]) => c !== 0);
    if (vars.length === 0) {
      if (constant < rel.lo - 1e-9 || constant > rel.hi + 1e-9) stats.infeasible++;
      continue;
    }
    const first = vars[0]?.[0] ?? 0;
    for (const [v] of vars) parent[find(v)] = find(first);
    rows.push({
      vars: vars.map(([v]) => v),
      coef: vars.map(([, c]) => c),
      lo: rel.lo - constant,
      hi: rel.hi - constant,
    });
  }
  stats.activeRelations = rows.length;
  const comps = new Map<number, Reduced>();
  const local = new Map<number, number>();
  for (let i = 0; i < unknown.length; i++) {
    const root = find(i);
    let comp = comps.get(root);
    if (comp === undefined) {
      comp = { vars: [], rows: [] };
      comps.set(root, comp);
    }
    local.set(i, comp.vars.length);
    comp.vars.push(unknown[i] ?? "");
  }
  for (const r of rows) {
    const comp = comps.get(find(r.vars[0] ?? 0));
    comp?.rows.push({ idx: r.vars.map((v) => local.get(v) ?? 0), coef: r.coef, lo: r.lo, hi: r.hi });
  }
  return [...comps.values()];
}

const isInt = (x: number) => Math.abs(x - Math.round(x)) < 1e-6;

export interface SolveOptions {
  readonly k?: number;
  /** solve every objective as a MILP from the start (the integer-programming attack), not only fractional LPs */
  readonly milp?: boolean;
  /** a known feasible integral point (the true values, when the caller has them): a witness like any other */
  readonly witness?: ReadonlyMap<string, number>;
  /** ranges of components already solved, keyed by their exact model (reused across protection rounds) */
  readonly cache?: Map<string, Range[]>;
}

/** The exact model of a component: its unknowns (in order, with bounds) and rows. */
function componentKey(sys: AuditSystem, comp: Reduced): string {
  const vars = comp.vars.map((v) => `${v}>=${sys.cells.get(v)?.lower ?? 0}`).join(",");
  const rows = comp.rows.map((r) => `${r.idx.join(" ")}|${r.coef.join(" ")}|${r.lo}|${r.hi}`).join(";");
  return `${vars}#${rows}`;
}

/** Feasible range of every unknown of the system (integers, bounds as registered). */
export async function ranges(
  sys: AuditSystem,
  opts: SolveOptions = {},
): Promise<{ ranges: Map<string, Range>; stats: SolveStats }> {
  const k = opts.k ?? MIN_CELL;
  const h = await highs();
  const stats: SolveStats = {
    components: 0,
    largestComponent: 0,
    lpSolves: 0,
    milpSolves: 0,
    activeRelations: 0,
    infeasible: 0,
  };
  const out = new Map<string, Range>();
  for (const comp of reduce(sys, stats)) {
    stats.components++;
    stats.largestComponent = Math.max(stats.largestComponent, comp.vars.length);
    if (comp.rows.length === 0) {
      for (const v of comp.vars) out.set(v, { lo: sys.cells.get(v)?.lower ?? 0, hi: Number.POSITIVE_INFINITY });
      continue;
    }
    const key = opts.cache === undefined ? "" : componentKey(sys, comp);
    const cached = opts.cache?.get(key);
    if (cached !== undefined) {
      for (const [i, r] of cached.entries()) out.set(comp.vars[i] ?? "", r);
      continue;
    }
    const solved = new Map<string, Range>();
    solveComponent(h, sys, comp, { k, milp: opts.milp === true, witness: opts.witness }, stats, solved);
    for (const [id, r] of solved) out.set(id, r);
    opts.cache?.set(
      key,
      comp.vars.map((v) => solved.get(v) ?? { lo: Number.NaN, hi: Number.NaN }),
    );
  }
  return { ranges: out, stats };
}

function solveComponent(
  h: Highs,
  sys: AuditSystem,
  comp: Reduced,
  opts: { k: number; milp: boolean; witness: ReadonlyMap<string, number> | undefined },
  stats: SolveStats,
  out: Map<string, Range>,
) {
  const { k, milp } = opts;
  const n = comp.vars.length;
  const model = h.createModel();
  try {
    // LP: presolve off, so each re-solve after a cost change hot-starts from the previous basis (about 2× faster);
    // MILP from the start (--milp): presolve on, branch and bound needs it
    model.options.set({ output_flag: false, presolve: milp ? "on" : "off" });
    for (const v of comp.vars) {
      const lower = sys.cells.get(v)?.lower ?? 0;
      model.addVar(Number.isFinite(lower) ? lower : -h.infinity, h.infinity);
    }
    const kind = milp ? h.constants.variableType.integer : h.constants.variableType.continuous;
    if (milp) for (let j = 0; j < n; j++) model.changeColIntegrality(j, kind);
    for (const r of comp.rows) {
      const lo = Number.isFinite(r.lo) ? r.lo : -h.infinity;
      const hi = Number.isFinite(r.hi) ? r.hi : h.infinity;
      model.addRow(lo, hi, { indices: r.idx, values: r.coef });
    }
    // integral points seen so far: a variable whose seen values already span ≥ k−1 needs no solve
    const seenLo = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
    const seenHi = new Array<number>(n).fill(Number.NEGATIVE_INFINITY);
    comp.vars.forEach((v, i) => {
      const w = opts.witness?.get(v);
      if (w !== undefined) {
        seenLo[i] = w;
        seenHi[i] = w;
      }
    });
    const note = (x: Float64Array) => {
      if (!x.every(isInt)) return;
      for (let i = 0; i < n; i++) {
        const v = Math.round(x[i] ?? 0);
        if (v < (seenLo[i] ?? 0)) seenLo[i] = v;
        if (v > (seenHi[i] ?? 0)) seenHi[i] = v;
      }
    };
    // the published figures come from real data, so the system is feasible: "unbounded or infeasible" is unbounded
    const unbounded = (status: number) =>
      status === h.constants.modelStatus.unbounded || status === h.constants.modelStatus.unboundedOrInfeasible;
    const optimum = (i: number, sense: "min" | "max"): number => {
      for (let j = 0; j < n; j++) model.changeColCost(j, j === i ? 1 : 0);
      model.changeObjectiveSense(
        sense === "min" ? h.constants.objectiveSense.minimize : h.constants.objectiveSense.maximize,
      );
      if (milp) stats.milpSolves++;
      else stats.lpSolves++;
      model.run();
      let status = model.getModelStatus();
      if (unbounded(status)) return sense === "min" ? -Infinity : Infinity;
      if (status !== h.constants.modelStatus.optimal) return Number.NaN;
      let x = model.getSolution().colValue;
      if (!x.every(isInt)) {
        // the integer optimum is no better than the LP's, rounded; an integral point already seen there attains it
        const v = x[i] ?? 0;
        const bound = sense === "min" ? Math.ceil(v - 1e-6) : Math.floor(v + 1e-6);
        if ((sense === "min" ? seenLo[i] : seenHi[i]) === bound) return bound;
        for (let j = 0; j < n; j++) model.changeColIntegrality(j, h.constants.variableType.integer);
        stats.milpSolves++;
        model.run();
        status = model.getModelStatus();
        x = model.getSolution().colValue;
        for (let j = 0; j < n; j++) model.changeColIntegrality(j, kind);
        if (unbounded(status)) return sense === "min" ? -Infinity : Infinity;
        if (status !== h.constants.modelStatus.optimal) return Number.NaN;
      }
      note(x);
      return Math.round(x[i] ?? 0);
    };
    batchWitnesses(h, model, n, k, seenLo, seenHi, note, stats);
    for (let i = 0; i < n; i++) {
      const id = comp.vars[i] ?? "";
      if ((seenHi[i] ?? 0) - (seenLo[i] ?? 0) >= k - 1) {
        out.set(id, { lo: seenLo[i] ?? 0, hi: seenHi[i] ?? 0 });
        continue;
      }
      const lo = optimum(i, "min");
      // an integral point already seen k−1 above the minimum proves the cell wide enough: no maximum needed
      const seen = seenHi[i] ?? Number.NEGATIVE_INFINITY;
      const hi = seen - lo >= k - 1 ? seen : Math.max(optimum(i, "max"), seen);
      if (Number.isNaN(lo) || Number.isNaN(hi)) stats.infeasible++;
      out.set(id, { lo, hi });
    }
  } finally {
    model.dispose();
  }
}

const BATCH_PASSES = 6;

/**
 * Cheap witnesses before the per-unknown solves: one LP per pass pushes every still-narrow unknown up (then down)
 * together; an integral optimum is a feasible integer point that widens many seen ranges at once. Only witnesses
 * come from here — a cell is declared wide only on integral points, and every narrow cell is still solved exactly
 * below — so the ranges that decide exposure are unchanged, only fewer per-unknown solves remain.
 */
function batchWitnesses(
  h: Highs,
  model: ReturnType<Highs["createModel"]>,
  n: number,
  k: number,
  seenLo: number[],
  seenHi: number[],
  note: (x: Float64Array) => void,
  stats: SolveStats,
): void {
  if (n < 8) return;
  const narrow = () => {
    const out: number[] = [];
    for (let j = 0; j < n; j++) if ((seenHi[j] ?? 0) - (seenLo[j] ?? 0) < k - 1) out.push(j);
    return out;
  };
  let left = narrow();
  for (let pass = 0; pass < BATCH_PASSES && left.length > 0; pass++) {
    const up = pass % 2 === 0;
    const open = new Set(left);
    for (let j = 0; j < n; j++) model.changeColCost(j, open.has(j) ? 1 : 0);
    model.changeObjectiveSense(up ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize);
    stats.lpSolves++;
    model.run();
    if (model.getModelStatus() !== h.constants.modelStatus.optimal) {
      if (up) continue; // unbounded above: the per-unknown solves find which ones
      return;
    }
    note(model.getSolution().colValue);
    const next = narrow();
    // two passes (up and down) without progress: the rest needs its own solves
    if (!up && next.length === left.length) return;
    left = next;
  }
}

/** Unknowns whose range is narrower than [0, k−1] allows. */
export async function exposedCells(sys: AuditSystem, opts: SolveOptions = {}) {
  const k = opts.k ?? MIN_CELL;
  const { ranges: rs, stats } = await ranges(sys, opts);
  const exposed = [...rs].filter(([id, r]) => isExposed(r, k, sys.cells.get(id)?.kind)).map(([id]) => id);
  // a visible count of 1 … k−1 people (or a visible difference of that size) is exposed as published
  for (const [id, c] of sys.cells)
    if (c.value !== null && c.kind === undefined && Math.abs(c.value) >= 1 && Math.abs(c.value) < k) exposed.push(id);
  return { exposed, ranges: rs, stats };
}
