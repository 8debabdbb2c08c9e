import type { AggregatedFile } from "#core/aggregated/schemas.ts";
import type { CellBook } from "#core/suppress.ts";
import type { Context } from "../context.ts";
import type { RawResults } from "../raw.ts";

/**
 * Renders one output file once suppression has been decided for every registered cell. `adapt` (grain that adapts to
 * k, src/grain.ts): the registered cells this file will publish only merged into a coarser cell, given what is hidden
 * so far; they are suppressed like any hidden cell.
 */
export type Render = ((hidden: ReadonlySet<string>) => unknown) & {
  readonly adapt?: (hidden: ReadonlySet<string>) => Iterable<string>;
};

/**
 * One output file: `register` puts its counts (and the groups / chains relating them) into the shared book, so
 * suppression is decided once across all files (a count published in two files is one cell), then renders.
 */
export interface Builder {
  readonly file: AggregatedFile;
  readonly datasets: readonly string[];
  register(book: CellBook, raw: RawResults, ctx: Context): Render;
}
