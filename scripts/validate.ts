/**
 * npm run validate [-- --data-dir DIR] [--datasets a,b]: validates every dataset CSV and the status file against
 * data/schema, printing `file:line:column: reason` per problem; exits 1 when anything is wrong.
 */
import { existsSync } from "node:fs";
import { datasetNames, getSchema } from "../actions/shared/schema.ts";
import { readSyncStatus, statusPath } from "../actions/shared/status.ts";
import { formatProblem, validateDataset } from "../actions/shared/validate.ts";
import { parseArgs } from "./args.ts";

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { flags: [], values: ["datasets"] });
  const dataDir = args.dataDir();
  const names = args.list("datasets") ?? datasetNames();
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
  if (failures) console.error(`validate: ${failures} file(s) with problems in ${dataDir}`);
  return failures ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`validate: ${(err as Error).message}`);
    process.exitCode = 2;
  },
);
