/** Building blocks of the reliability suite: figures, a swappable fault injector, data-dir snapshots. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createFaultInjector, type FaultInjector, type FaultPlanInput } from "../../sim/faults/plan.ts";

export interface CaseResult {
  readonly group: string;
  readonly name: string;
  /** what the fault imitates */
  readonly imitates: string;
  readonly injected: number;
  readonly survived: boolean;
  /** bytes of committed data changed by failed/refused runs (must be 0) */
  readonly bytesChanged: number;
  /** status entries that disagree with what happened (must be 0) */
  readonly wrongStatus: number;
  readonly outcome: string;
}

export interface Figures {
  readonly faultsInjected: number;
  readonly faultsSurvived: number;
  readonly distinctFaults: number;
  readonly bytesChanged: number;
  readonly wrongStatus: number;
  readonly cases: readonly CaseResult[];
}

export function figures(cases: readonly CaseResult[]): Figures {
  return {
    faultsInjected: cases.reduce((s, c) => s + c.injected, 0),
    faultsSurvived: cases.reduce((s, c) => s + (c.survived ? c.injected : 0), 0),
    distinctFaults: cases.length,
    bytesChanged: cases.reduce((s, c) => s + c.bytesChanged, 0),
    wrongStatus: cases.reduce((s, c) => s + c.wrongStatus, 0),
    cases,
  };
}

/** One simulator, many fault plans: `set()` swaps the plan between cases (request counts restart). */
export interface SwappableInjector extends FaultInjector {
  set(plan: FaultPlanInput): void;
}

export function swappableInjector(): SwappableInjector {
  let current = createFaultInjector({ faults: [] });
  return {
    match: (route, i) => current.match(route, i),
    next: (route) => current.next(route),
    counts: () => current.counts(),
    set: (plan) => {
      current = createFaultInjector(plan);
    },
  };
}

/** Every committed file under `dir` (CSV, state, status) → its bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "schema") walk(p);
      } else if (!e.name.startsWith(".") && !e.name.includes(".tmp")) out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Bytes of `files` (dataset CSVs, relative paths) that differ between two snapshots (a changed file counts whole). */
export function changedBytes(before: Map<string, Buffer>, after: Map<string, Buffer>, prefix: string): number {
  let n = 0;
  const names = new Set(
    [...before.keys(), ...after.keys()].filter((f) => f === `${prefix}.csv` || f.startsWith(`${prefix}/`)),
  );
  for (const f of names) {
    const a = before.get(f);
    const b = after.get(f);
    if (a === undefined || b === undefined) n += (a ?? b)?.length ?? 0;
    else if (!a.equals(b)) n += Math.max(a.length, b.length);
  }
  return n;
}

export function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
