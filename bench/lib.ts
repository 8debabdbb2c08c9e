/** Shared shapes and helpers of `npm run bench`: figures with min/median/max, anchors, ratios, machine description. */
import { cpus, loadavg, totalmem } from "node:os";

export interface Figure {
  readonly label: string;
  readonly unit: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: readonly number[];
}

export interface BenchItem {
  readonly id: string;
  readonly title: string;
  readonly status: "ok" | "skipped" | "failed";
  /** why skipped/failed, or a caveat */
  readonly note?: string;
  readonly scale?: string;
  readonly measure?: Figure;
  readonly anchor?: Figure;
  /** measure.median / anchor.median */
  readonly ratio?: number;
  readonly target?: string;
  readonly extra?: Readonly<Record<string, number | string | boolean>>;
  readonly seconds: number;
}

export interface BenchContext {
  readonly scale: string;
  readonly cacheDir: string;
  /** seconds left of the whole run's budget */
  remaining(): number;
  log(line: string): void;
}

/** The median (the mean of the two middle values of an even count); NaN of nothing. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function figure(label: string, unit: string, runs: readonly number[]): Figure {
  const s = [...runs].sort((a, b) => a - b);
  return { label, unit, median: median(s), min: s[0] ?? Number.NaN, max: s.at(-1) ?? Number.NaN, runs: [...runs] };
}

/**
 * Runs `once` up to `maxRuns` times: items under a minute are repeated (median of several runs) while the run's
 * budget allows; a run over a minute is measured once.
 */
export async function repeat<T>(ctx: BenchContext, maxRuns: number, once: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < maxRuns; i++) {
    const t = performance.now();
    out.push(await once());
    const secs = (performance.now() - t) / 1000;
    if (secs > 60 || ctx.remaining() < secs * 2 + 60) break;
  }
  return out;
}

export function machine(): Record<string, string | number> {
  const c = cpus();
  return {
    cpus: c.length,
    cpu_model: c[0]?.model ?? "unknown",
    total_memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load_average_1m_at_start: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A finished item: its measure beside its anchor, ratio = measure / anchor (medians), seconds since `started`. */
export function compared(
  item: Omit<BenchItem, "status" | "ratio" | "seconds" | "measure" | "anchor"> & { measure: Figure; anchor: Figure },
  started: number,
  digits = 2,
): BenchItem {
  return {
    ...item,
    status: "ok",
    ratio: round(item.measure.median / item.anchor.median, digits),
    seconds: round((performance.now() - started) / 1000, 1),
  };
}
