/**
 * vega + vega-lite for the build, loaded from one esbuild bundle cached in node_modules/.cache/ace-site (keyed by the
 * installed versions). Importing the packages directly resolves and compiles hundreds of modules on every build;
 * the single bundle loads in about a third of the CPU time. The first build after an install creates it (~3 s).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { parse, View } from "vega";
import type { compile } from "vega-lite";
import { REPO_ROOT } from "#core/schema.ts";

export interface VegaRuntime {
  readonly parse: typeof parse;
  readonly View: typeof View;
  readonly compile: typeof compile;
}

let loading: Promise<VegaRuntime> | undefined;

async function load(): Promise<VegaRuntime> {
  const h = createHash("sha256");
  for (const p of ["vega", "vega-lite", "esbuild"])
    h.update(readFileSync(join(REPO_ROOT, "node_modules", p, "package.json")));
  const dir = join(REPO_ROOT, "node_modules", ".cache", "ace-site");
  const file = join(dir, `vega-node-${h.digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp.mjs`;
    await build({
      stdin: {
        contents: 'export { parse, View } from "vega"; export { compile } from "vega-lite";',
        resolveDir: REPO_ROOT,
        loader: "js",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: tmp,
      external: ["canvas"],
      logLevel: "warning",
    });
    renameSync(tmp, file);
  }
  return (await import(pathToFileURL(file).href)) as VegaRuntime;
}

export function vegaRuntime(): Promise<VegaRuntime> {
  loading ??= load();
  return loading;
}
