/**
 * npm run aggregate [-- --data-dir DIR] [--schemas]: committed CSVs → DIR/aggregated/*.json (see docs/aggregation.md).
 * --schemas also regenerates data/schema/aggregated/*.json from actions/aggregate/schemas.ts.
 */

import { parseArgs } from "#core/args.ts";
import { aggregate, writeAggregated } from "../actions/aggregate/src/aggregate.ts";
import { writeAggregatedSchemas } from "../actions/aggregate/src/json-schemas.ts";

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { flags: ["schemas"], values: [] });
  if (args.flag("schemas")) for (const f of writeAggregatedSchemas()) console.error(`✔ ${f}`);
  const dataDir = args.dataDir();
  const result = await aggregate(dataDir, { aceNow: process.env.ACE_NOW });
  for (const f of writeAggregated(dataDir, result.files)) console.error(`✔ ${f}`);
  const t = result.timings;
  console.error(
    `aggregate: as_of ${result.asOf}; load ${t.load.toFixed(0)} ms, queries ${t.queries.toFixed(0)} ms, build ${t.build.toFixed(0)} ms`,
  );
}

main().catch((err: unknown) => {
  console.error(`aggregate: ${(err as Error).message}`);
  process.exitCode = 1;
});
