/**
 * `npm run test:faults [-- --small] [--no-worker] [--json FILE]`: the reliability suite (test/reliability/), printing
 * its figures; exits 1 unless every fault is survived, 0 bytes of committed data changed by failed runs, 0 wrong
 * status entries and 0 torn files. See docs/reliability.md.
 */
import { writeFileSync } from "node:fs";
import { parseCli } from "#core/args.ts";
import { renderFigures, runSuite } from "./reliability/suite.ts";

const { values } = parseCli(process.argv.slice(2), {
  usage: `usage: npm run test:faults -- [--small] [--no-worker] [--json FILE]
  --small           a smaller world (faster)
  --no-worker       leave out the worker's faults (no wrangler dev)
  --json FILE       also write the report as JSON to FILE
  -h, --help        print this help and exit
`,
  options: {
    small: { type: "boolean", default: false },
    "no-worker": { type: "boolean", default: false },
    json: { type: "string" },
  },
});
const report = await runSuite({
  small: values.small,
  worker: !values["no-worker"],
  log: (l) => process.stderr.write(`${l}\n`),
});
process.stdout.write(renderFigures(report));
const json = values.json;
if (json !== undefined) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
const ok =
  report.faultsSurvived === report.faultsInjected &&
  report.bytesChanged === 0 &&
  report.wrongStatus === 0 &&
  report.crash.torn === 0 &&
  report.crash.failures.length === 0;
process.exitCode = ok ? 0 : 1;
