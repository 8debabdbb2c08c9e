/**
 * Browser assets, built with esbuild into the output folder after Eleventy wrote the pages:
 * - assets/site.css — the only stylesheet (minified)
 * - assets/lazy.js — tiny loader: watches charts with IntersectionObserver and imports charts.js on first sight
 * - assets/charts.js — vega + vega-embed (vega-lite aliased to a stub: browsers get compiled Vega specs only)
 * - assets/live-status.js — Data page: live status from the worker (only referenced with SITE_WORKER_URL)
 * The big charts.js bundle is cached under node_modules/.cache/ace-site, keyed by its inputs, to keep builds fast.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { REPO_ROOT } from "#core/schema.ts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const common = {
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
} as const;

function chartsBundleKey(): string {
  const h = createHash("sha256");
  for (const p of ["vega", "vega-embed", "vega-tooltip", "esbuild"]) {
    h.update(readFileSync(join(REPO_ROOT, "node_modules", p, "package.json")));
  }
  h.update(readFileSync(here("../_client/charts.ts")));
  h.update(readFileSync(here("../_client/vega-lite-stub.ts")));
  return h.digest("hex").slice(0, 16);
}

async function chartsBundle(outDir: string): Promise<void> {
  const cacheDir = join(REPO_ROOT, "node_modules", ".cache", "ace-site");
  const cached = join(cacheDir, `charts-${chartsBundleKey()}.js`);
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true });
    await build({
      ...common,
      entryPoints: [here("../_client/charts.ts")],
      outfile: cached,
      alias: { "vega-lite": here("../_client/vega-lite-stub.ts") },
    });
  }
  copyFileSync(cached, join(outDir, "assets", "charts.js"));
}

export async function buildAssets(outDir: string): Promise<void> {
  mkdirSync(join(outDir, "assets"), { recursive: true });
  await Promise.all([
    build({ ...common, entryPoints: { site: here("../assets/site.css") }, outdir: `${outDir}/assets` }),
    build({
      ...common,
      entryPoints: { lazy: here("../_client/lazy.ts"), "live-status": here("../_client/live-status.ts") },
      outdir: `${outDir}/assets`,
    }),
  ]);
  await chartsBundle(outDir);
}
