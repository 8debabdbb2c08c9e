/**
 * `npm run sync -- [--kusto-only|--github-only] [--datasets a,b] [--dry-run] [--allow-shrink] [--full] [--data-dir DIR]`
 * (`--full`: the Kusto datasets are reconciled in full instead of incrementally from their watermarks)
 * Runs every source (or one), then derives journey_complete from the committed CSVs; exits 1 when any dataset was
 * refused or failed (after writing every dataset that passed). The same core as the actions (docs/sync.md).
 */

import { DATA_DIR_OPTION, dataDir, list, parseCli, runMain } from "#core/args.ts";
import { now } from "#core/clock.ts";
import { acquireSyncLock, LockHeldError } from "#core/lock.ts";
import { journeySource } from "../actions/derive-journey/src/source.ts";
import type { Source } from "../actions/sync-core/src/index.ts";
import { terminalReporter } from "../actions/sync-core/src/report.ts";
import { runSync } from "../actions/sync-core/src/run.ts";
import { githubSource } from "../actions/sync-github/src/source.ts";
import { kustoSource } from "../actions/sync-kusto/src/source.ts";

const USAGE = `usage: npm run sync -- [--kusto-only|--github-only] [--datasets a,b] [--dry-run] [--allow-shrink] [--full] [--data-dir DIR]
  --kusto-only      only the Kusto datasets (then journey_complete)
  --github-only     only the GitHub datasets (then journey_complete)
  --datasets a,b    only these datasets (comma-separated)
  --dry-run         fetch and check, write nothing
  --allow-shrink    accept a dataset that shrinks beyond the guard
  --full            reconcile the Kusto datasets in full instead of from their watermarks
  --data-dir DIR    the data directory (default: data/)
  -h, --help        print this help and exit
`;

async function main(): Promise<number> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      "kusto-only": { type: "boolean", default: false },
      "github-only": { type: "boolean", default: false },
      datasets: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "allow-shrink": { type: "boolean", default: false },
      full: { type: "boolean", default: false },
      ...DATA_DIR_OPTION,
    },
  });
  if (values["kusto-only"] && values["github-only"]) throw new Error("use at most one of --kusto-only, --github-only");
  const sources: Source[] = [];
  if (!values["github-only"]) sources.push(kustoSource({ full: values.full }));
  if (!values["kusto-only"]) sources.push(githubSource());
  sources.push(journeySource());
  const reporter = terminalReporter();
  const datasets = list(values.datasets);
  const dir = dataDir(values);
  // one sync per data directory at a time (dry runs write nothing and need no lock)
  const lock = values["dry-run"] ? undefined : acquireSyncLock(dir);
  const report = await runSync({
    dataDir: dir,
    sources,
    ...(datasets ? { datasets } : {}),
    dryRun: values["dry-run"],
    allowShrink: values["allow-shrink"],
    now: now(),
    reporter,
  }).finally(() => lock?.release());
  const width = Math.max(...report.results.map((r) => r.dataset.length), 7);
  process.stdout.write(`\n${"dataset".padEnd(width)}  status     rows  message\n`);
  for (const r of report.results) {
    process.stdout.write(
      `${r.dataset.padEnd(width)}  ${r.status.padEnd(9)}  ${String(r.rows ?? "").padStart(5)}  ${r.message}\n`,
    );
  }
  return report.exitCode;
}

runMain("sync", main, (err) => (err instanceof LockHeldError ? 3 : 2));
