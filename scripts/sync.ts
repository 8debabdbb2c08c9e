/**
 * `npm run sync -- [--kusto-only|--github-only] [--datasets a,b] [--dry-run] [--allow-shrink] [--full] [--data-dir DIR]`
 * (`--full`: the Kusto datasets are reconciled in full instead of incrementally from their watermarks)
 * Runs every source (or one), then derives journey_complete from the committed CSVs; exits 1 when any dataset was
 * refused or failed (after writing every dataset that passed). The same core as the actions (docs/sync.md).
 */

import { parseArgs } from "#core/args.ts";
import { now } from "#core/clock.ts";
import { acquireSyncLock, LockHeldError } from "#core/lock.ts";
import { journeySource } from "../actions/derive-journey/src/source.ts";
import type { Source } from "../actions/sync-core/src/index.ts";
import { terminalReporter } from "../actions/sync-core/src/report.ts";
import { runSync } from "../actions/sync-core/src/run.ts";
import { githubSource } from "../actions/sync-github/src/source.ts";
import { kustoSource } from "../actions/sync-kusto/src/source.ts";

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    flags: ["kusto-only", "github-only", "dry-run", "allow-shrink", "full", "help"],
    values: ["datasets"],
  });
  if (args.flag("help")) {
    process.stdout.write(
      "usage: npm run sync -- [--kusto-only|--github-only] [--datasets a,b] [--dry-run] [--allow-shrink] [--full] [--data-dir DIR]\n",
    );
    return 0;
  }
  if (args.flag("kusto-only") && args.flag("github-only"))
    throw new Error("use at most one of --kusto-only, --github-only");
  const sources: Source[] = [];
  if (!args.flag("github-only")) sources.push(kustoSource({ full: args.flag("full") }));
  if (!args.flag("kusto-only")) sources.push(githubSource());
  sources.push(journeySource());
  const reporter = terminalReporter();
  const datasets = args.list("datasets");
  // one sync per data directory at a time (dry runs write nothing and need no lock)
  const lock = args.flag("dry-run") ? undefined : acquireSyncLock(args.dataDir());
  const report = await runSync({
    dataDir: args.dataDir(),
    sources,
    ...(datasets ? { datasets } : {}),
    dryRun: args.flag("dry-run"),
    allowShrink: args.flag("allow-shrink"),
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

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sync: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof LockHeldError ? 3 : 2;
  },
);
