/**
 * `npm run erase -- (--user-id ID | --login LOGIN | --email ADDRESS)... [--data-dir DIR] [--worker-out DIR]`:
 * removes one person from every copy this project controls (scripts/erase-person.ts), recomputes the aggregates and,
 * when the worker's asset directory exists, rebuilds its per-person index. Prints counts only — never the id, login
 * or rows — so its output can go into the erasure PR as is. `--email` needs PSEUDONYM_KEY.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DATA_DIR_OPTION, dataDir as dataDirOf, parseCli } from "#core/args.ts";
import { now as clockNow } from "#core/clock.ts";
import { pseudonymKeyFromEnv } from "#core/pseudonym.ts";
import { aggregate, writeAggregated } from "../actions/aggregate/src/aggregate.ts";
import { buildWorkerAssets, DEFAULT_OUT } from "../worker/build/assets.ts";
import { erasePerson, erasureSummary } from "./erase-person.ts";

const USAGE = `usage: npm run erase -- (--user-id ID | --login LOGIN | --email ADDRESS)... [--data-dir DIR] [--worker-out DIR]
  --user-id ID        the person's user id (repeatable)
  --login LOGIN       the person's GitHub login (repeatable)
  --email ADDRESS     the person's e-mail address, matched by pseudonym (repeatable; needs PSEUDONYM_KEY)
  --data-dir DIR      the data directory (default: data/)
  --worker-out DIR    the worker's asset directory, rebuilt when it exists (default: ${DEFAULT_OUT})
  -h, --help          print this help and exit
`;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      "user-id": { type: "string", multiple: true },
      login: { type: "string", multiple: true },
      email: { type: "string", multiple: true },
      ...DATA_DIR_OPTION,
      "worker-out": { type: "string" },
    },
  });
  const dataDir = dataDirOf(values);
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
