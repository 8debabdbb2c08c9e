/**
 * npm run validate [-- --data-dir DIR] [--datasets a,b]: validates every dataset CSV and the status file against
 * data/schema, printing `file:line:column: reason` per problem; exits 1 when anything is wrong.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AGGREGATED_FILES, AGGREGATED_SCHEMAS } from "#core/aggregated/schemas.ts";
import { DATA_DIR_OPTION, dataDir as dataDirOf, list, parseCli, runMain } from "#core/args.ts";
import { datasetNames, getSchema } from "#core/schema.ts";
import { readSyncStatus, statusPath } from "#core/status.ts";
import { formatProblem, validateDataset } from "#core/validate.ts";

const USAGE = `usage: npm run validate -- [--datasets a,b] [--data-dir DIR]
  --datasets a,b    only these datasets (comma-separated; default: every dataset)
  --data-dir DIR    the data directory (default: data/)
  -h, --help        print this help and exit
`;

async function main(): Promise<number> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: { datasets: { type: "string" }, ...DATA_DIR_OPTION },
  });
  const dataDir = dataDirOf(values);
  const names = list(values.datasets) ?? datasetNames();
  let failures = 0;
  for (const name of names) {
    const { rows, problems } = await validateDataset(dataDir, getSchema(name));
    for (const p of problems) console.error(formatProblem(p));
    console.error(
      `${problems.length === 0 ? "✔" : "✖"} ${name}: ${rows} rows${problems.length ? `, ${problems.length} problem(s)` : ""}`,
    );
    if (problems.length) failures++;
  }
  if (existsSync(statusPath(dataDir))) {
    try {
      readSyncStatus(dataDir);
      console.error("✔ sync_status.json");
    } catch (err) {
      console.error(`✖ ${(err as Error).message}`);
      failures++;
    }
  }
  failures += validateAggregated(dataDir);
  if (failures) console.error(`validate: ${failures} file(s) with problems in ${dataDir}`);
  return failures ? 1 : 0;
}

/** data/aggregated/*.json against their zod schemas (core/aggregated/schemas.ts), when the folder exists. */
function validateAggregated(dataDir: string): number {
  const dir = join(dataDir, "aggregated");
  if (!existsSync(dir)) return 0;
  let failures = 0;
  for (const name of AGGREGATED_FILES) {
    const file = join(dir, `${name}.json`);
    if (!existsSync(file)) {
      console.error(`✖ ${file}: missing (npm run aggregate)`);
      failures++;
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      console.error(`✖ ${file}: ${(err as Error).message}`);
      failures++;
      continue;
    }
    const r = AGGREGATED_SCHEMAS[name].safeParse(json);
    if (r.success) {
      console.error(`✔ aggregated/${name}.json`);
      continue;
    }
    for (const i of r.error.issues.slice(0, 20))
      console.error(`${file}: ${i.path.join(".") || "(root)"}: ${i.message}`);
    console.error(`✖ aggregated/${name}.json: ${r.error.issues.length} problem(s)`);
    failures++;
  }
  return failures;
}

runMain("validate", main);
