/**
 * The one staleness rule, free of Node APIs so the Cloudflare Worker can bundle it too. `status.ts` and `schema.ts`
 * re-export these names; import them from there in Node code.
 */
export const CADENCES = { nightly: 24, weekly: 168 } as const;
export type Cadence = keyof typeof CADENCES;

export type Freshness = "fresh" | "stale" | "never";

/**
 * A dataset is stale when its last success is older than twice its cadence. `lastCheckedAt` (from the run record
 * `sync-run.json`, when published) counts as a success too, since a run that confirms unchanged data does not
 * rewrite the committed status.
 */
export function freshness(
  entry: { readonly last_success_at: string | null } | undefined,
  cadence: Cadence,
  now: Date,
  lastCheckedAt?: string | null,
): { state: Freshness; ageHours: number | null } {
  const times = [entry?.last_success_at, lastCheckedAt].filter((t): t is string => typeof t === "string");
  if (times.length === 0) return { state: "never", ageHours: null };
  const last = Math.max(...times.map((t) => Date.parse(t)));
  const ageHours = (now.getTime() - last) / 3_600_000;
  return { state: ageHours > 2 * CADENCES[cadence] ? "stale" : "fresh", ageHours };
}
