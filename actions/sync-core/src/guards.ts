/** Guards before a staged dataset may replace the committed one: schema validation and the shrink guard. */
import { basename } from "node:path";
import type { StagedDataset } from "#core/csv.ts";
import type { DatasetSchema } from "#core/schema.ts";
import { formatProblem, validateFile } from "#core/validate.ts";

export const DEFAULT_SHRINK_THRESHOLD = 0.2;

/**
 * Validates the staged temporary files against the schema; returns readable problems (empty = valid). Files the writer
 * already checked row by row with the validator's rules (`staged.checked`) are not read again.
 */
export async function validateStaged(schema: DatasetSchema, staged: StagedDataset, max = 5): Promise<string[]> {
  if (staged.checked) return [];
  const problems: string[] = [];
  for (const [final, tmp] of staged.files) {
    const partition = staged.partitioned ? basename(final, ".csv") : undefined;
    const r = await validateFile(tmp, schema, partition, max);
    // a partition is named with its dataset: `unified_users/2025-10.csv:3:2: …`
    const file = partition === undefined ? basename(final) : `${schema.name}/${basename(final)}`;
    for (const p of r.problems) problems.push(formatProblem({ ...p, file }));
  }
  return problems.slice(0, max);
}

/** Why the new row count is refused, or undefined when it may replace the old one. */
export function shrinkRefusal(
  previousRows: number | null,
  rows: number,
  threshold: number,
  allowShrink: boolean,
): string | undefined {
  if (allowShrink || previousRows === null || previousRows === 0) return undefined;
  const drop = (previousRows - rows) / previousRows;
  if (drop <= threshold) return undefined;
  return (
    `row count would shrink from ${previousRows} to ${rows} (-${(drop * 100).toFixed(1)}%, more than ` +
    `${(threshold * 100).toFixed(0)}%); if this is intended, rerun with --allow-shrink (workflow input allow-shrink)`
  );
}
