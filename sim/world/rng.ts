/**
 * Deterministic randomness. Every person has independent streams seeded from (seed, person index, stream tag), so
 * any table can be generated person by person, in any order, with the same result.
 */

/** 32-bit avalanche mix (murmur3 finalizer). */
export function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of a few integers to 32 bits. */
export function hash32(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = mix32(h ^ mix32((p >>> 0) + Math.imul((p / 4294967296) | 0, 0x27d4eb2f)));
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  return mix32(h);
}

/** Uniform [0, 1) from a hash of integers (stateless). */
export function unit(...parts: readonly number[]): number {
  return hash32(...parts) / 4294967296;
}

/** Stream tags: one independent stream per kind of fact. */
export const STREAM = {
  core: 1,
  exams: 2,
  learning: 3,
  product: 4,
  skills: 5,
  events: 6,
  copilot: 7,
  pearson: 8,
  names: 9,
} as const;

export interface Rng {
  /** uniform [0, 1) */
  next(): number;
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** index drawn by weight */
  weighted(weights: readonly number[]): number;
  /** exponential with the given mean */
  exp(mean: number): number;
}

const cumCache = new WeakMap<readonly number[], readonly number[]>();
/** Cumulative weights, cached per (constant) weights array. */
function cumulative(weights: readonly number[]): readonly number[] {
  let c = cumCache.get(weights);
  if (!c) {
    let total = 0;
    c = weights.map((w) => {
      total += w;
      return total;
    });
    cumCache.set(weights, c);
  }
  return c;
}

/** mulberry32 seeded from (seed, index, stream). */
export function rng(seed: number, index: number, stream: number): Rng {
  let a = hash32(seed, index, stream);
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const v = items[Math.floor(next() * items.length)];
      if (v === undefined) throw new Error("pick from an empty list");
      return v;
    },
    weighted(weights) {
      const cum = cumulative(weights);
      const x = next() * (cum[cum.length - 1] ?? 0);
      for (let i = 0; i < cum.length; i++) if (x < (cum[i] ?? 0)) return i;
      return cum.length - 1;
    },
    exp: (mean) => -Math.log(1 - next()) * mean,
  };
}
