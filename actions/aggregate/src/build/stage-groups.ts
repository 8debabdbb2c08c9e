/**
 * Grain that adapts to k for the journey funnel: stages are merged (a stage folded into the one before it) until the
 * people whose furthest stage lies in each merged group are 0 or at least 5 — the differences a reader takes between
 * consecutive bars. The finest such grouping wins; among equally fine ones, keeping "certified" as a stage of its own.
 */
import { isSmall } from "#core/suppress.ts";

/**
 * `exact[c][k]`: people of cohort c whose furthest stage is k; one grouping valid for every cohort given (the journey
 * passes one cohort at a time: a stage merged in one cohort only is protected against the all-cohort total by the
 * suppression, which may merge it elsewhere too — src/grain.ts). Returns the index of the first stage of each group
 * (always 0 first); `keep`: a stage index preferred as a group start.
 */
export function stageGroupStarts(exact: readonly (readonly number[])[], keep: number): number[] {
  const n = Math.max(0, ...exact.map((e) => e.length));
  // best[i]: the best grouping of stages i..n-1, as [keeps `keep` as a start, number of groups, starts]
  const best: ([boolean, number, number[]] | undefined)[] = Array.from({ length: n + 1 }, () => undefined);
  best[n] = [true, 0, []];
  for (let i = n - 1; i >= 0; i--) {
    const sums = exact.map(() => 0);
    for (let j = i; j < n; j++) {
      exact.forEach((e, c) => {
        sums[c] = (sums[c] ?? 0) + (e[j] ?? 0);
      });
      const rest = best[j + 1];
      if (sums.some(isSmall) || !rest) continue;
      const keeps = (keep < i || keep > j || keep === i) && rest[0];
      const cand: [boolean, number, number[]] = [keeps, rest[1] + 1, [i, ...rest[2]]];
      const cur = best[i];
      if (!cur || better(cand, cur)) best[i] = cand;
    }
  }
  // no grouping clears the rule (every person in one group of 1–4): one group, suppressed as a whole
  return best[0]?.[2] ?? [0];
}

function better(a: [boolean, number, number[]], b: [boolean, number, number[]]): boolean {
  if (a[0] !== b[0]) return a[0];
  return a[1] > b[1];
}
