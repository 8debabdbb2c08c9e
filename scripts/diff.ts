/**
 * npm run diff [-- --base REF | --against DIR] [--datasets a,b] [--sample N] [--json] [--out FILE] [--exit-code]
 *   [--data-dir DIR]: keyed diff of the data directory against a git ref (default origin/main, falling back to main,
 * then HEAD) or another data directory. Prints Markdown (or JSON with --json); with --exit-code exits 1 when
 * something changed, like `git diff --exit-code`.
 */
import { writeFileSync } from "node:fs";
import { DATA_DIR_OPTION, dataDir, list, parseCli, runMain } from "#core/args.ts";
import { renderMarkdown } from "../actions/data-diff/src/render.ts";
import { runDiff } from "../actions/data-diff/src/run.ts";

const USAGE = `usage: npm run diff -- [--base REF | --against DIR] [--datasets a,b] [--sample N] [--json] [--out FILE] [--exit-code] [--data-dir DIR]
  --base REF        diff against this git ref (default: origin/main, else main, else HEAD)
  --against DIR     diff against another data directory
  --datasets a,b    only these datasets (comma-separated)
  --sample N        sample rows shown per change kind (default: 10)
  --json            print JSON instead of Markdown
  --out FILE        write the report to FILE instead of stdout
  --exit-code       exit 1 when something changed, like git diff --exit-code
  --data-dir DIR    the data directory (default: data/)
  -h, --help        print this help and exit
`;

async function main(): Promise<number> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      base: { type: "string" },
      against: { type: "string" },
      datasets: { type: "string" },
      sample: { type: "string", default: "10" },
      json: { type: "boolean", default: false },
      out: { type: "string" },
      "exit-code": { type: "boolean", default: false },
      ...DATA_DIR_OPTION,
    },
  });
  const { base, against } = values;
  if (base !== undefined && against !== undefined) throw new Error("pass either --base REF or --against DIR, not both");
  const sample = Number(values.sample);
  if (!Number.isInteger(sample) || sample < 0) throw new Error("--sample needs a non-negative integer");
  const datasets = list(values.datasets);
  const { report, note } = await runDiff({
    dataDir: dataDir(values),
    sampleSize: sample,
    ...(base !== undefined ? { base } : {}),
    ...(against !== undefined ? { against } : {}),
    ...(datasets ? { datasets } : {}),
  });
  if (note) console.error(`diff: ${note}`);
  const text = values.json
    ? JSON.stringify(report, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v), 2)
    : renderMarkdown(report, undefined, sample);
  const out = values.out;
  if (out) writeFileSync(out, `${text}\n`);
  else process.stdout.write(`${text}\n`);
  return values["exit-code"] && report.changed ? 1 : 0;
}

runMain("diff", main);
