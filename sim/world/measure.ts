/**
 * Measures world generation at a scale (default M), outside `npm test`:
 *   node sim/world/measure.ts [--scale S|M|L] [--people N] [--upstream]
 * Writes every golden + state into a temporary directory (removed afterwards) and, with --upstream, also streams
 * every Kusto upstream table once. Prints wall seconds, CPU seconds and peak RSS (process.resourceUsage().maxRSS).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createWorld } from "./index.ts";
import { loadUpstreamSchema } from "./kusto.ts";
import { writeGoldens } from "./write.ts";

const { values } = parseArgs({
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
  const out = await writeGoldens(world, dir);
  for (const d of out.datasets)
    console.log(
      `  ${d.name.padEnd(20)} ${String(d.rows).padStart(10)} rows ${(d.bytes / 1e6).toFixed(1).padStart(7)} MB`,
    );
  report(`goldens, scale ${world.scale.name} (${world.people} people)`, t0);
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
