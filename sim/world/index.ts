/**
 * createWorld: one seeded, coherent population as a timeline, viewed as of `now` (nothing after now exists).
 * Upstream views (Kusto clusters, GitHub API) for the simulators, and the goldens (our CSVs as they should be).
 */
import { DEMO_PSEUDONYM_KEY } from "#core/pseudonym.ts";
import { type GitHubView, githubUpstream } from "./github.ts";
import { type Goldens, goldens } from "./goldens.ts";
import { kustoUpstream } from "./kusto.ts";
import { type Population, population } from "./population.ts";
import { DEMO, resolveScale, type Scale } from "./scales.ts";
import type { WorldUpstream } from "./types.ts";

export interface WorldOptions {
  readonly seed?: number;
  /** "S" | "M" | "L" (default S) */
  readonly scale?: string;
  /** custom population size (overrides scale) */
  readonly people?: number;
  /** ISO datetime or Date; default DEMO.now */
  readonly now?: string | Date;
  /** Copilot org (default DEMO.org) */
  readonly org?: string;
  /** HMAC key for user_id in the goldens (default DEMO_PSEUDONYM_KEY) */
  readonly pseudonymKey?: string;
}

export interface World extends WorldUpstream {
  readonly scale: Scale;
  readonly github: GitHubView;
  readonly goldens: Goldens;
  readonly population: Population;
}

export function createWorld(opts: WorldOptions = {}): World {
  const seed = opts.seed ?? DEMO.seed;
  const scale = resolveScale(opts.people === undefined ? { scale: opts.scale ?? DEMO.scale } : { people: opts.people });
  const nowDate = opts.now === undefined ? new Date(DEMO.now) : new Date(opts.now);
  if (Number.isNaN(nowDate.getTime())) throw new Error(`invalid now: ${String(opts.now)}`);
  const now = Math.floor(nowDate.getTime() / 1000) * 1000;
  const pop = population(seed, scale, now);
  const org = opts.org ?? DEMO.org;
  const github = githubUpstream(pop, org);
  return {
    seed,
    people: scale.people,
    now: new Date(now),
    scale,
    population: pop,
    kusto: kustoUpstream(pop),
    github,
    goldens: goldens(pop, github, opts.pseudonymKey ?? DEMO_PSEUDONYM_KEY),
  };
}

export type { Goldens } from "./goldens.ts";
export { DEMO, resolveScale, SCALES } from "./scales.ts";

/** The command-line options that choose a world (`npm run world`, `npm run sim`): parsed by core/args.ts. */
export const WORLD_OPTIONS = {
  scale: { type: "string" },
  people: { type: "string" },
  seed: { type: "string" },
  now: { type: "string" },
} as const;
