/**
 * Bench of the keyed diff: a synthetic 1,000,000-row `individual_exams` pair with 1% of rows differing (half changed,
 * a quarter each added/removed), timed beside `git diff --no-index` on the same two files in the same run.
 *   npm run bench:diff [-- --rows N] [--share 0.01] [--runs 3] [--keep] [--daff] [--daff-rows 100000]
 * With --daff, a second pair of --daff-rows rows (default 100,000) is diffed by daff (keyed on the primary key, CSV
 * diff to a file: the pinned devDependency, run by this Node) beside the keyed diff on the same two files.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCli } from "#core/args.ts";
import { getSchema, REPO_ROOT } from "#core/schema.ts";
import { renderMarkdown } from "../actions/data-diff/src/render.ts";
import { runDiff } from "../actions/data-diff/src/run.ts";
import { writeExamPair } from "../actions/data-diff/src/synthetic.ts";

const { values } = parseCli(process.argv.slice(2), {
  usage: `usage: npm run bench:diff -- [--rows N] [--share 0.01] [--runs 3] [--keep] [--daff] [--daff-rows 100000]
  --rows N          rows of the synthetic individual_exams pair (default: 1000000)
  --share X         the share of rows that differ (default: 0.01)
  --runs N          timed runs of each diff (default: 3)
  --keep            keep the generated files (their directory is printed)
  --daff            also time daff on a second, smaller pair
  --daff-rows N     rows of daff's pair (default: 100000)
  -h, --help        print this help and exit
`,
  options: {
    rows: { type: "string", default: "1000000" },
    share: { type: "string", default: "0.01" },
    runs: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    daff: { type: "boolean", default: false },
    "daff-rows": { type: "string", default: "100000" },
  },
});
const runs = Number(values.runs);
const rows = Number(values.rows);
const share = Number(values.share);
const root = mkdtempSync(join(tmpdir(), "ace-diff-bench-"));
const baseDir = join(root, "base");
const headDir = join(root, "head");
mkdirSync(baseDir);
mkdirSync(headDir);
const baseFile = join(baseDir, "individual_exams.csv");
const headFile = join(headDir, "individual_exams.csv");

let t = performance.now();
await writeExamPair(baseFile, headFile, rows, share);
const mb = (statSync(headFile).size / 1e6).toFixed(1);
console.log(
  `generated ${rows.toLocaleString("en-US")} rows (${mb} MB per file) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

function timeGit(): number {
  const s = performance.now();
  const r = spawnSync("git", ["diff", "--no-index", "--no-color", baseFile, headFile], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`git diff --no-index exited ${r.status}`);
  return (performance.now() - s) / 1000;
}

// warm the page cache once, then alternate git and the keyed diff `runs` times; medians are reported
timeGit();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const gitTimes: number[] = [];
const diffTimes: number[] = [];
let peak = 0;
let summary = "";
for (let i = 0; i < runs; i++) {
  gitTimes.push(timeGit());
  t = performance.now();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const { report } = await runDiff({ dataDir: headDir, against: baseDir, datasets: ["individual_exams"] });
  const body = renderMarkdown(report);
  diffTimes.push((performance.now() - t) / 1000);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const r = report.datasets[0]?.rows;
  summary = `keyed diff: +${r?.added} −${r?.removed} ~${r?.changed}, body ${body.length} chars`;
}
const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(", ");
console.log(summary);
console.log(`git diff --no-index: median ${median(gitTimes).toFixed(2)} s (runs: ${fmt(gitTimes)})`);
console.log(
  `npm run diff (keyed, streaming): median ${median(diffTimes).toFixed(2)} s (runs: ${fmt(diffTimes)}) = ${(median(diffTimes) / median(gitTimes)).toFixed(2)}× git; peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
);
if (values.daff) {
  const n = Number(values["daff-rows"]);
  const dir = join(root, "daff");
  mkdirSync(join(dir, "base"), { recursive: true });
  mkdirSync(join(dir, "head"));
  const a = join(dir, "base", "individual_exams.csv");
  const b = join(dir, "head", "individual_exams.csv");
  await writeExamPair(a, b, n, share);
  const key = getSchema("individual_exams").primaryKey.flatMap((k) => ["--id", k]);
  const daffBin = join(REPO_ROOT, "node_modules", "daff", "bin", "daff.js");
  const daffTimes: number[] = [];
  const keyedTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    let s = performance.now();
    const r = spawnSync(process.execPath, [daffBin, "diff", ...key, "--output", join(dir, "out.csv"), a, b], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (r.status !== 0) throw new Error(`daff exited ${r.status}`);
    daffTimes.push((performance.now() - s) / 1000);
    s = performance.now();
    const { report } = await runDiff({
      dataDir: join(dir, "head"),
      against: join(dir, "base"),
      datasets: ["individual_exams"],
    });
    renderMarkdown(report);
    keyedTimes.push((performance.now() - s) / 1000);
  }
  console.log(`daff ${n} rows (keyed): median ${median(daffTimes).toFixed(2)} s (runs: ${fmt(daffTimes)})`);
  console.log(
    `npm run diff ${n} rows: median ${median(keyedTimes).toFixed(2)} s (runs: ${fmt(keyedTimes)}) = ${(median(keyedTimes) / median(daffTimes)).toFixed(3)}× daff`,
  );
}
if (!values.keep) rmSync(root, { recursive: true, force: true });
else console.log(`kept ${root}`);
