/**
 * npm run diff [-- --base REF | --against DIR] [--datasets a,b] [--sample N] [--json] [--out FILE] [--exit-code]
 *   [--data-dir DIR]: keyed diff of the data directory against a git ref (default origin/main, falling back to main,
 * then HEAD) or another data directory. Prints Markdown (or JSON with --json); with --exit-code exits 1 when
 * something changed, like `git diff --exit-code`.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "#core/args.ts";
import { renderMarkdown } from "../actions/data-diff/src/render.ts";
import { runDiff } from "../actions/data-diff/src/run.ts";

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    flags: ["json", "exit-code"],
    values: ["base", "against", "datasets", "sample", "out"],
  });
  const base = args.value("base");
  const against = args.value("against");
  if (base !== undefined && against !== undefined) throw new Error("pass either --base REF or --against DIR, not both");
  const sample = Number(args.value("sample") ?? "10");
  if (!Number.isInteger(sample) || sample < 0) throw new Error("--sample needs a non-negative integer");
  const datasets = args.list("datasets");
  const { report, note } = await runDiff({
    dataDir: args.dataDir(),
    sampleSize: sample,
    ...(base !== undefined ? { base } : {}),
    ...(against !== undefined ? { against } : {}),
    ...(datasets ? { datasets } : {}),
  });
  if (note) console.error(`diff: ${note}`);
  const text = args.flag("json")
    ? JSON.stringify(report, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v), 2)
    : renderMarkdown(report, undefined, sample);
  const out = args.value("out");
  if (out) writeFileSync(out, `${text}\n`);
  else process.stdout.write(`${text}\n`);
  return args.flag("exit-code") && report.changed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`diff: ${(err as Error).message}`);
    process.exitCode = 2;
  },
);
