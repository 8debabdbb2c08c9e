/** The validated aggregated inputs, one typed value per `data/aggregated/<file>.json`. */
import type { AggregatedSet } from "#core/aggregated/schemas.ts";

export type Agg = AggregatedSet;

/** Dataset names a file was generated from (for "data from" links). */
export function sourcesOf(file: { generated_from: readonly { dataset: string }[] }): string[] {
  return file.generated_from.map((g) => g.dataset);
}
