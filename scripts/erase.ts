/**
 * `npm run erase -- (--user-id ID | --login LOGIN | --email ADDRESS)... [--data-dir DIR] [--worker-out DIR]`:
 * removes one person from every copy this project controls (scripts/erase-person.ts), recomputes the aggregates and,
 * when the worker's asset directory exists, rebuilds its per-person index. Prints counts only — never the id, login
 * or rows — so its output can go into the erasure PR as is. `--email` needs PSEUDONYM_KEY.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { now as clockNow } from "#core/clock.ts";
import { pseudonymKeyFromEnv } from "#core/pseudonym.ts";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { aggregate, writeAggregated } from "../actions/aggregate/src/aggregate.ts";
import { buildWorkerAssets, DEFAULT_OUT } from "./build-worker-index.ts";
import { erasePerson, erasureSummary } from "./erase-person.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "user-id": { type: "string", multiple: true },
      login: { type: "string", multiple: true },
      email: { type: "string", multiple: true },
      "data-dir": { type: "string" },
      "worker-out": { type: "string" },
    },
    strict: true,
  });
  const dataDir = resolve(values["data-dir"] ?? DEFAULT_DATA_DIR);
  const emails = values.email ?? [];
  const r = await erasePerson(dataDir, {
    userIds: values["user-id"] ?? [],
    logins: values.login ?? [],
    emails,
    ...(emails.length > 0 ? { pseudonymKey: pseudonymKeyFromEnv() } : {}),
  });
  console.log(erasureSummary(r));
  const agg = await aggregate(dataDir, { aceNow: process.env.ACE_NOW });
  console.log(`aggregates recomputed: ${writeAggregated(dataDir, agg.files).length} file(s)`);
  const out = resolve(values["worker-out"] ?? DEFAULT_OUT);
  if (existsSync(out)) {
    const w = await buildWorkerAssets(dataDir, out, clockNow());
    console.log(`worker index rebuilt: ${w.people} people, ${w.shards} shards`);
  }
}

main().catch((e: unknown) => {
  // the message names no person: erasePerson's errors carry dataset names and counts only
  console.error(`erase: ${e instanceof Error ? e.message : "failed"}`);
  process.exitCode = 1;
});
