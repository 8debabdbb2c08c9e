/**
 * npm run sim [-- --scale S|M|L] [--people N] [--seed N] [--now ISO] [--faults plan.json] [--github-budget N]
 *   [--aggregate-data DIR|none]
 * Starts both simulators on 127.0.0.1, prints `export NAME=value` lines for the sync, the worker and the demo, then
 * `ready`, and serves until SIGINT/SIGTERM. Logs go to stderr; stdout carries only the environment and `ready`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { count, parseCli } from "#core/args.ts";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { startSimulators } from "./start.ts";
import { WORLD_OPTIONS } from "./world/index.ts";

function shellQuote(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`;
}

const USAGE = `usage: npm run sim -- [--scale S|M|L] [--people N] [--seed N] [--now ISO] [--faults plan.json] [--github-budget N] [--aggregate-data DIR|none]
  --scale S|M|L       the world's scale (default: S)
  --people N          a world of N people instead of a scale
  --seed N            the world's seed
  --now ISO           the simulators' "now" (default: ACE_NOW, else the demo's)
  --faults FILE       a fault plan (JSON) the simulators follow
  --github-budget N   the GitHub simulator's hourly request budget
  --aggregate-data DIR  the data directory whose datasets the Kusto aggregate database ace_data holds
                      (KUSTO_AGG_URL, KUSTO_AGG_DATABASE; default: the repository's data/; none = no such database)
  -h, --help          print this help and exit
`;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      ...WORLD_OPTIONS,
      faults: { type: "string" },
      "github-budget": { type: "string" },
      "aggregate-data": { type: "string" },
    },
  });
  const faultsFile = values.faults;
  const people = count("people", values.people);
  const seed = count("seed", values.seed);
  const githubBudget = count("github-budget", values["github-budget"]);
  const now = values.now ?? process.env.ACE_NOW;
  const scale = values.scale;
  const aggregateData = values["aggregate-data"] ?? DEFAULT_DATA_DIR;
  const started = performance.now();
  const sims = await startSimulators({
    ...(scale ? { scale } : {}),
    ...(people !== undefined ? { people } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(now ? { now } : {}),
    ...(githubBudget !== undefined ? { githubBudget } : {}),
    ...(faultsFile ? { faults: JSON.parse(readFileSync(faultsFile, "utf8")) } : {}),
    ...(aggregateData === "none" ? {} : { aggregateDataDir: resolve(aggregateData) }),
  });
  process.stderr.write(
    `simulators up in ${((performance.now() - started) / 1000).toFixed(1)}s: world seed ${sims.world.seed}, ${sims.world.people} people, now ${sims.env.ACE_NOW}\n`,
  );
  for (const [k, v] of Object.entries(sims.env)) process.stdout.write(`export ${k}=${shellQuote(v)}\n`);
  process.stdout.write("ready\n");
  const stop = (signal: string) => {
    process.stderr.write(`${signal}: stopping simulators\n`);
    sims.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  process.stderr.write(`sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
