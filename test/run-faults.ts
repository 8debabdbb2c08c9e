/**
 * `npm run test:faults [-- --small] [--no-worker] [--json FILE]`: the reliability suite (test/reliability/), printing
 * its figures; exits 1 unless every fault is survived, 0 bytes of committed data changed by failed runs, 0 wrong
 * status entries and 0 torn files. See docs/reliability.md.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "#core/args.ts";
import { renderFigures, runSuite } from "./reliability/suite.ts";

const args = parseArgs(process.argv.slice(2), { flags: ["small", "no-worker"], values: ["json"] });
const report = await runSuite({
  small: args.flag("small"),
  worker: !args.flag("no-worker"),
  log: (l) => process.stderr.write(`${l}\n`),
});
process.stdout.write(renderFigures(report));
const json = args.value("json");
if (json !== undefined) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
const ok =
  report.faultsSurvived === report.faultsInjected &&
  report.bytesChanged === 0 &&
  report.wrongStatus === 0 &&
  report.crash.torn === 0 &&
  report.crash.failures.length === 0;
process.exitCode = ok ? 0 : 1;
