/**
 * Grain that adapts to k (issue 17): a builder may publish some of its registered counts only merged into a coarser
 * cell (a funnel stage folded into the one before it, …). Its Render then carries `adapt(hidden)`: the registered
 * cells it will not publish at the current suppression. Those start hidden, suppression runs again, and the loop stops
 * when no builder merges anything new — so every merged-away count is protected like a suppressed one (the published
 * files list it as suppressed) and the merged cells that are shown clear the rule.
 */
import type { CellBook } from "#core/suppress.ts";
import { protect } from "#core/suppress.ts";
import { protectAudited } from "./audit/protect.ts";
import type { Render } from "./build/types.ts";

const MAX_ROUNDS = 6;

/** The share of a chart's plotted cells issue 17 allows to be suppressed; a finer grain above it gives way. */
export const MAX_SUPPRESSED_SHARE = 0.1;

export async function protectWithGrain(
  book: CellBook,
  renders: readonly Render[],
  solverCheck: boolean,
): Promise<ReadonlySet<string>> {
  const merged = new Set<string>();
  const grow = (hidden: ReadonlySet<string>): boolean => {
    let grew = false;
    for (const r of renders)
      for (const k of r.adapt?.(hidden) ?? [])
        if (!merged.has(k)) {
          merged.add(k);
          grew = true;
        }
    return grew;
  };
  grow(new Set());
  // the merges settle first under the fast rule-based suppression, then under the solver check (one run, usually)
  let hidden = protect(book, merged);
  for (let round = 0; round < MAX_ROUNDS && grow(hidden); round++) hidden = protect(book, merged);
  if (!solverCheck) return hidden;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    hidden = (await protectAudited(book, undefined, merged)).hidden;
    if (!grow(hidden)) return hidden;
  }
  return hidden;
}
