/**
 * `npm run build [-- --data-dir DIR] [--out DIR]`: builds the dashboard (site/) into site/_site/ from
 * DIR/aggregated/*.json and DIR/sync_status.json, or from SITE_DATA_URL when set. Honours SITE_WORKER_URL,
 * SITE_PATH_PREFIX and ACE_NOW. Fails on invalid inputs and when person-level data would be published.
 */
import { resolve } from "node:path";
import Eleventy from "@11ty/eleventy";
import { DATA_DIR_OPTION, dataDir, parseCli } from "#core/args.ts";
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

const USAGE = `usage: npm run build -- [--out DIR] [--data-dir DIR]
  --out DIR         where the site is written (default: site/_site/)
  --data-dir DIR    the data directory: aggregated/*.json and sync_status.json (default: data/)
  -h, --help        print this help and exit
Environment: SITE_DATA_URL, SITE_WORKER_URL, SITE_PATH_PREFIX, ACE_NOW.
`;

if (import.meta.main) {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: { out: { type: "string" }, ...DATA_DIR_OPTION },
  });
  const outDir = resolve(values.out ?? resolve(REPO_ROOT, "site", "_site"));
  try {
    const ms = await buildSite({ dataDir: dataDir(values), outDir });
    const cpu = process.cpuUsage();
    const cpuS = ((cpu.user + cpu.system) / 1e6).toFixed(2);
    console.log(`site built into ${outDir} in ${(ms / 1000).toFixed(2)} s (cpu ${cpuS} s)`);
  } catch (err) {
    console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
