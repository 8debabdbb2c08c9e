// npm test: lint → typecheck → vitest, stopping at the first failure, and printing the duration.
// Plain JavaScript on purpose: it must run (and explain itself) even on the system Node 20, which cannot run .ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `npm test needs Node >= 22.12 but runs on ${process.version}.\n` +
      "The project pins Node 24 through the `node` devDependency; it is missing when packages were installed with\n" +
      "--ignore-scripts. Run `npm ci` (scripts enabled) and try again.",
  );
  process.exit(1);
}

const started = Date.now();
const results = join(mkdtempSync(join(tmpdir(), "ace-test-")), "vitest.json");
const steps = [
  ["lint", ["biome", "ci", "--diagnostic-level=warn", "."]],
  ["typecheck", ["tsc", "-p", "."]],
  ["typecheck worker", ["tsc", "-p", "worker"]],
  ["typecheck worker (node side)", ["tsc", "-p", "worker/tsconfig.node.json"]],
  [
    "vitest",
    [
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${results}`,
      ...process.argv.slice(2),
    ],
  ],
];
for (const [name, [cmd, ...args]] of steps) {
  const t = Date.now();
  console.error(`\n▶ ${name}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", shell: false });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (name === "vitest") printCounts();
  if (r.status !== 0) {
    console.error(`✖ ${name} failed after ${secs}s (exit ${r.status ?? r.signal})`);
    console.error(`npm test: failed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    process.exit(r.status ?? 1);
  }
  console.error(`✔ ${name} (${secs}s)`);
}
console.error(`npm test: passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);

/** The plain closing line CI reads: "tests: N passed, N failed". */
function printCounts() {
  try {
    const j = JSON.parse(readFileSync(results, "utf8"));
    const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    console.log(
      `tests: ${j.numPassedTests} passed, ${j.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
    );
  } catch {
    console.error("(no vitest JSON report to count from)");
  }
}
