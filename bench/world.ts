/**
 * Measures world generation at a scale (default M), outside `npm test`:
 *   node bench/world.ts [--scale S|M|L] [--people N] [--upstream]
 * Generates every golden row + the state (not written), then writes them all through the shared CSV writer into a
 * temporary directory (removed afterwards) and, with --upstream, also streams every Kusto upstream table once.
 * CPU seconds are cumulative since the start. Prints wall seconds, CPU seconds and peak RSS (process.resourceUsage().maxRSS).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCli } from "#core/args.ts";
import { createWorld } from "../sim/world/index.ts";
import { loadUpstreamSchema } from "../sim/world/kusto.ts";
import { OTHER_SETS, writeGoldens } from "../sim/world/write.ts";

const { values } = parseCli(process.argv.slice(2), {
  usage: `usage: node bench/world.ts [--scale S|M|L] [--people N] [--upstream]   (npm run bench:world adds --upstream)
  --scale S|M|L     the world's scale (default: M)
  --people N        a world of N people instead of a scale
  --upstream        also stream every Kusto upstream table once
  -h, --help        print this help and exit
`,
  options: { scale: { type: "string" }, people: { type: "string" }, upstream: { type: "boolean" } },
});
const world = createWorld(values.people ? { people: Number(values.people) } : { scale: values.scale ?? "M" });
const dir = mkdtempSync(join(tmpdir(), "world-measure-"));
const t0 = performance.now();
const c0 = process.cpuUsage();
const report = (label: string, started: number): void => {
  const cpu = process.cpuUsage(c0);
  console.log(
    `${label}: ${((performance.now() - started) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s cpu, ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
};
try {
  let rows = 0;
  for (const b of world.goldens.bundles()) rows += 2 + b.certified.length + b.usage.length + b.learning.length;
  for (const d of OTHER_SETS) {
    for (const _ of world.goldens.rows(d)) rows++;
  }
  world.goldens.state();
  report(`golden rows + state generated (${rows} rows, not written)`, t0);
  const t2 = performance.now();
  const out = await writeGoldens(world, dir);
  for (const d of out.datasets)
    console.log(
      `  ${d.name.padEnd(20)} ${String(d.rows).padStart(10)} rows ${(d.bytes / 1e6).toFixed(1).padStart(7)} MB`,
    );
  report(`goldens written through the CSV writer, scale ${world.scale.name} (${world.people} people)`, t2);
  if (values.upstream) {
    const t1 = performance.now();
    for (const c of loadUpstreamSchema()) {
      for (const t of c.tables) {
        let n = 0;
        for (const _ of world.kusto.rows(c.name, t.name)) n++;
        console.log(`  ${c.name}/${t.name}: ${n} rows`);
      }
    }
    report("upstream Kusto tables", t1);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
