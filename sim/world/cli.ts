/**
 * npm run world -- [--scale S|M|L] [--people N] [--seed N] [--now ISO] [--data-dir DIR]
 * Writes the goldens (the 11 datasets as our CSVs should hold them) and the GitHub sync state of a seeded world.
 * Defaults: the committed demo (DEMO: seed 7, scale S, now 2026-11-24T02:00:00Z) into data/.
 */
import { count, parseCli } from "#core/args.ts";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { createWorld, DEMO, WORLD_OPTIONS } from "./index.ts";
import { writeGoldens } from "./write.ts";

const USAGE = `usage: npm run world -- [--scale S|M|L] [--people N] [--seed N] [--now ISO] [--data-dir DIR]
  --scale S|M|L     the world's scale (default: S)
  --people N        a world of N people instead of a scale
  --seed N          the world's seed (default: 7)
  --now ISO         the world's "now" (default: ACE_NOW, else 2026-11-24T02:00:00Z)
  --data-dir DIR    where the goldens and the state are written (default: data/)
  -h, --help        print this help and exit
`;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      ...WORLD_OPTIONS,
      "data-dir": { type: "string" },
    },
  });
  const people = count("people", values.people);
  const seed = count("seed", values.seed) ?? DEMO.seed;
  const now = values.now ?? process.env.ACE_NOW ?? DEMO.now;
  const dataDir = values["data-dir"] ?? DEFAULT_DATA_DIR;
  const world = createWorld({
    seed,
    now,
    ...(people === undefined ? { scale: values.scale ?? DEMO.scale } : { people }),
  });
  const started = performance.now();
  const out = await writeGoldens(world, dataDir);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `world: seed ${seed}, scale ${world.scale.name} (${world.people} people), now ${world.now.toISOString()} → ${dataDir}`,
  );
  for (const d of out.datasets) {
    const where = d.partitioned ? `${d.name}/*.csv` : `${d.name}.csv`;
    console.log(`  ${where.padEnd(26)} ${String(d.rows).padStart(9)} rows  sha256 ${d.sha256.slice(0, 12)}`);
  }
  for (const s of out.state) console.log(`  ${s}`);
  console.log(`world: wrote ${out.datasets.length} goldens and ${out.state.length} state files in ${secs}s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
