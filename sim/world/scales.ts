/**
 * The ONE scales table of the project (issue 2): every part (world, simulators, syncs, benchmarks, demo) reads it.
 * S is the committed demo, M the reference for every benchmark, L stress only; any `--people N` is allowed too.
 */

export type ScaleName = "S" | "M" | "L";

export interface Scale {
  readonly name: ScaleName | "custom";
  /** people in the whole timeline (FY22 … FY27); those arriving after `now` do not exist yet */
  readonly people: number;
  /** share of people with a public GitHub login (M: tuned so ≈ 10,000 logins are tracked as of the demo `now`) */
  readonly loginRate: number;
  /** expected Copilot seats in the demo org */
  readonly copilotSeats: number;
}

export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  /** the committed demo: ~2,000 people, ~10,000 exam registrations, ~300 public logins */
  S: { name: "S", people: 2_000, loginRate: 0.15, copilotSeats: 60 },
  /** benchmark reference: 200,000 people, ~1,000,000 exam registrations and ~10,000 tracked public logins as of the demo */
  M: { name: "M", people: 200_000, loginRate: 0.0565, copilotSeats: 1_500 },
  /** stress only */
  L: { name: "L", people: 1_000_000, loginRate: 0.05, copilotSeats: 4_000 },
};

/** The largest population the id formats support (7-digit person numbers). */
export const MAX_PEOPLE = 9_999_999;

/** A scale by name, or a custom population of `people` people (logins 5%, seats ~1.5% capped at 4,000). */
export function resolveScale(opts: { readonly scale?: string; readonly people?: number }): Scale {
  if (opts.people !== undefined) {
    const n = opts.people;
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_PEOPLE)
      throw new Error(`--people must be an integer in 1…${MAX_PEOPLE}, got ${n}`);
    return {
      name: "custom",
      people: n,
      loginRate: 0.05,
      copilotSeats: Math.max(5, Math.min(4_000, Math.round(n * 0.015))),
    };
  }
  const name = (opts.scale ?? "S").toUpperCase();
  if (name !== "S" && name !== "M" && name !== "L") throw new Error(`unknown scale "${opts.scale}" (S, M or L)`);
  return SCALES[name];
}

/** Constants of the committed demo, shared by every part (world, simulators, syncs, demo). */
export const DEMO = {
  seed: 7,
  scale: "S",
  now: "2026-11-24T02:00:00Z",
  org: "ace-demo",
} as const satisfies { seed: number; scale: ScaleName; now: string; org: string };

/** Timeline bounds of every world: the program starts with FY22, facts are generated up to the end of FY27. */
export const TIMELINE = {
  start: "2021-07-01T00:00:00Z",
  end: "2027-06-30T23:59:59Z",
  /** first day any Copilot usage-metrics report exists */
  copilotFirstDay: "2025-10-10",
  /** first day of FY26: registrations from here on are Pearson (cse-analytics), before it legacy (gh-analytics) */
  pearsonFrom: "2025-07-01T00:00:00Z",
} as const;
