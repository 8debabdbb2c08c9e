/**
 * `node scripts/sync-plan.ts`: the datasets one sync workflow run syncs, split by the action that syncs them. Reads
 * SOURCE (all | kusto | github), DATASETS (comma-separated; empty = the schedule's) and SCHEDULE_DATASETS from the
 * environment and writes `kusto`, `github` (comma-separated, empty = that action is skipped), `journey`
 * ("true" when journey_complete is derived) and `dry-run` to $GITHUB_OUTPUT. Unknown names, or names of another
 * source than SOURCE, fail the step with a clear message (like `npm run sync -- --kusto-only --datasets …`).
 */
import { appendFileSync } from "node:fs";
import { parseCli } from "#core/args.ts";
import { type DatasetSchema, loadSchemas } from "#core/schema.ts";

export interface SyncPlan {
  readonly kusto: readonly string[];
  readonly github: readonly string[];
  readonly journey: boolean;
}

const SOURCES = ["all", "kusto", "github"] as const;

function list(v: string | undefined): string[] {
  return (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Pure: which datasets each action syncs. Throws with a message naming the bad input. */
export function planSync(
  input: { source: string; datasets: string; schedule: string },
  schemas: ReadonlyMap<string, DatasetSchema> = loadSchemas(),
): SyncPlan {
  const source = input.source.trim() || "all";
  if (!(SOURCES as readonly string[]).includes(source))
    throw new Error(`unknown source "${source}" (${SOURCES.join(", ")})`);
  const kindOf = (n: string): string => schemas.get(n)?.source.kind ?? "";
  const asked = list(input.datasets);
  let names: string[];
  if (asked.length > 0) names = asked;
  else if (source === "all") names = list(input.schedule);
  else names = [...[...schemas.keys()].filter((n) => kindOf(n) === source), "journey_complete"];
  const unknown = names.filter((n) => !schemas.has(n));
  if (unknown.length > 0)
    throw new Error(`unknown dataset(s) ${unknown.join(", ")}; datasets: ${[...schemas.keys()].join(", ")}`);
  if (source !== "all") {
    const other = names.filter((n) => kindOf(n) !== source && kindOf(n) !== "derived");
    if (other.length > 0)
      throw new Error(`dataset(s) ${other.join(", ")} are not ${source} datasets (source=${source})`);
  }
  const of = (kind: string): string[] => [...new Set(names.filter((n) => kindOf(n) === kind))].sort();
  return { kusto: of("kusto"), github: of("github"), journey: names.includes("journey_complete") };
}

function main(): void {
  const env = process.env;
  const plan = planSync({
    source: env.SOURCE ?? "all",
    datasets: env.DATASETS ?? "",
    schedule: env.SCHEDULE_DATASETS ?? "",
  });
  const lines = [
    `kusto=${plan.kusto.join(",")}`,
    `github=${plan.github.join(",")}`,
    `journey=${plan.journey}`,
    `dry-run=${env.DRY_RUN === "true"}`,
  ];
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${lines.join("\n")}\n`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

const USAGE = `usage: node scripts/sync-plan.ts
  (no options) reads SOURCE, DATASETS, SCHEDULE_DATASETS and DRY_RUN from the environment and writes
  kusto=, github=, journey= and dry-run= lines to stdout and $GITHUB_OUTPUT
  -h, --help        print this help and exit
`;

if (import.meta.main) {
  parseCli(process.argv.slice(2), { usage: USAGE, options: {} });
  try {
    main();
  } catch (err) {
    process.stdout.write(`::error title=Sync plan::${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
