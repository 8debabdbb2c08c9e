/**
 * `npm run build [-- --data-dir DIR] [--out DIR]`: builds the dashboard (site/) into site/_site/ from
 * DIR/aggregated/*.json and DIR/sync_status.json, or from SITE_DATA_URL when set. Honours SITE_WORKER_URL,
 * SITE_PATH_PREFIX and ACE_NOW. Fails on invalid inputs and when person-level data would be published.
 */
import { resolve } from "node:path";
import Eleventy from "@11ty/eleventy";
import { parseArgs } from "#core/args.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { optionsFromEnv, setBuildOptions } from "../site/_config/options.ts";

export async function buildSite(opts: { dataDir: string; outDir: string; env?: NodeJS.ProcessEnv }): Promise<number> {
  const started = performance.now();
  const o = optionsFromEnv(opts.env ?? process.env, opts.dataDir);
  setBuildOptions(o);
  const input = resolve(REPO_ROOT, "site");
  const eleventy = new Eleventy(input, opts.outDir, {
    configPath: resolve(input, "eleventy.config.js"),
    quietMode: true,
    pathPrefix: o.prefix,
  });
  await eleventy.write();
  return performance.now() - started;
}

if (import.meta.main) {
  const args = parseArgs(process.argv.slice(2), { flags: [], values: ["out"] });
  const outDir = resolve(args.value("out") ?? resolve(REPO_ROOT, "site", "_site"));
  try {
    const ms = await buildSite({ dataDir: args.dataDir(), outDir });
    const cpu = process.cpuUsage();
    const cpuS = ((cpu.user + cpu.system) / 1e6).toFixed(2);
    console.log(`site built into ${outDir} in ${(ms / 1000).toFixed(2)} s (cpu ${cpuS} s)`);
  } catch (err) {
    console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
