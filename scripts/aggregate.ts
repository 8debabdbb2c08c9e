/**
 * npm run aggregate [-- --data-dir DIR] [--engine duckdb|kusto] [--schemas]: committed CSVs → DIR/aggregated/*.json
 * (see docs/aggregation.md; the Kusto engine: docs/kusto-engine.md).
 * --schemas also regenerates data/schema/aggregated/*.json from actions/aggregate/schemas.ts.
 */

import { DATA_DIR_OPTION, dataDir as dataDirOf, parseCli } from "#core/args.ts";
import { aggregate, writeAggregated } from "../actions/aggregate/src/aggregate.ts";
import { ENGINES, isEngineName } from "../actions/aggregate/src/engine/index.ts";
import { writeAggregatedSchemas } from "../actions/aggregate/src/json-schemas.ts";

const USAGE = `usage: npm run aggregate -- [--schemas] [--data-dir DIR] [--engine duckdb|kusto]
  --schemas         also regenerate data/schema/aggregated/*.json from core/aggregated/schemas.ts
  --data-dir DIR    the data directory: its CSVs in, its aggregated/*.json out (default: data/)
  --engine NAME     what runs the queries: duckdb (default; the CSVs of DIR, actions/aggregate/sql) or kusto (the
                    aggregate database KUSTO_AGG_URL / KUSTO_AGG_DATABASE, actions/aggregate/kql; DIR still gives
                    sync_status.json and the inputs' hashes); the written files are the same
  -h, --help        print this help and exit
`;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      schemas: { type: "boolean", default: false },
      engine: { type: "string", default: "duckdb" },
      ...DATA_DIR_OPTION,
    },
  });
  const engine = values.engine;
  if (!isEngineName(engine)) {
    process.stderr.write(`error: --engine ${engine}: expected one of ${ENGINES.join(", ")}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.schemas) for (const f of writeAggregatedSchemas()) console.error(`✔ ${f}`);
  const dataDir = dataDirOf(values);
  const result = await aggregate(dataDir, { aceNow: process.env.ACE_NOW, engine });
  for (const f of writeAggregated(dataDir, result.files)) console.error(`✔ ${f}`);
  const t = result.timings;
  console.error(
    `aggregate (${engine}): as_of ${result.asOf}; load ${t.load.toFixed(0)} ms, queries ${t.queries.toFixed(0)} ms, build ${t.build.toFixed(0)} ms`,
  );
}

main().catch((err: unknown) => {
  console.error(`aggregate: ${(err as Error).message}`);
  process.exitCode = 1;
});
