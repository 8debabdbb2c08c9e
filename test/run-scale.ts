/**
 * `npm run test:scale`: the scale-M checks that stay out of `npm test` (minutes, not seconds): aggregation at scale M
 * within 2× DuckDB alone, the keyed diff of 1,000,000 rows, through `npm run bench -- --scale M --only aggregate,diff`
 * (results in bench/scale-check/). Exits 1 when an item fails or misses its target.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCli } from "#core/args.ts";
import { REPO_ROOT } from "#core/schema.ts";
import type { BenchItem } from "../bench/lib.ts";
import { runNode } from "../sim/demo/children.ts";

parseCli(process.argv.slice(2), {
  usage: `usage: npm run test:scale
  (no options) runs npm run bench -- --scale M --only aggregate,diff into bench/cache/scale-check/ and checks the targets
  -h, --help        print this help and exit
`,
  options: {},
});
const out = join(REPO_ROOT, "bench", "cache", "scale-check");
const r = await runNode(
  join(REPO_ROOT, "bench/index.ts"),
  ["--scale", "M", "--only", "aggregate,diff", "--out", out],
  process.env,
  (line, stream) => (stream === "stderr" ? process.stderr.write(`${line}\n`) : undefined),
);
if (r.code !== 0) {
  process.stderr.write(`test:scale: bench exited ${r.code}\n`);
  process.exit(1);
}
const items = (JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as { items: BenchItem[] }).items;
const problems: string[] = [];
for (const id of ["aggregate", "diff"]) {
  const item = items.find((i) => i.id === id);
  if (item?.status !== "ok") problems.push(`${id}: ${item?.status ?? "missing"} ${item?.note ?? ""}`);
}
const agg = items.find((i) => i.id === "aggregate");
if (agg?.ratio !== undefined && agg.ratio > 2) problems.push(`aggregate: ${agg.ratio}× DuckDB (target ≤ 2)`);
for (const p of problems) process.stderr.write(`✖ ${p}\n`);
process.stdout.write(`test:scale: ${problems.length === 0 ? "passed" : "failed"}\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
