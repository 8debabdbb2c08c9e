/**
 * npm run build:actions [-- NAME…] [--out DIR] [--check]: bundles every action (or the named ones) — each
 * `actions/<name>/` with an `action.yml` and `src/index.ts` — with esbuild into `actions/<name>/dist/index.js` (ESM,
 * platform node, target node24), deterministically. `--out DIR` writes
 * `DIR/<name>/index.js` instead; `--check` rebuilds into a temporary folder and exits 1 when a committed bundle differs.
 *
 * Bundled code keeps resolving files relative to its source: `import.meta.url` in this repository's sources is rewritten
 * to the source file's own URL relative to the bundle, so `new URL("../sql/", import.meta.url)` still finds the files.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { build, type Plugin } from "esbuild";
import { parseCli } from "#core/args.ts";
import { REPO_ROOT } from "#core/schema.ts";

/** Native or very large packages resolved from node_modules at run time (the workflows run `npm ci`). */
// highs: its WebAssembly file is found beside its own module, which a bundle would move (the aggregate's audit).
const EXTERNAL = ["@duckdb/*", "highs"];

export function actionNames(root = REPO_ROOT): string[] {
  const dir = join(root, "actions");
  return readdirSync(dir)
    .filter((n) => existsSync(join(dir, n, "action.yml")) && existsSync(join(dir, n, "src", "index.ts")))
    .sort();
}

function posix(p: string): string {
  return p.split(sep).join("/");
}

/** Rewrites `import.meta.url` in repository sources to their location relative to the committed bundle. */
function sourceUrlPlugin(name: string): Plugin {
  const bundleDir = join(REPO_ROOT, "actions", name, "dist");
  return {
    name: "source-import-meta-url",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const text = await readFile(args.path, "utf8");
        if (!text.includes("import.meta.url")) return { contents: text, loader: "ts" };
        const rel = posix(relative(bundleDir, args.path));
        return {
          contents: text.replaceAll("import.meta.url", `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
          loader: "ts",
        };
      });
    },
  };
}

/** Builds one action's bundle into `outfile`. */
export async function buildAction(name: string, outfile: string): Promise<void> {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [posix(join("actions", name, "src", "index.ts"))],
    outfile,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    external: EXTERNAL,
    legalComments: "none",
    minifyWhitespace: true,
    minifySyntax: true,
    charset: "utf8",
    logLevel: "warning",
    plugins: [sourceUrlPlugin(name)],
    // CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: 'import { createRequire as __aceCreateRequire } from "node:module";\nconst require = __aceCreateRequire(import.meta.url);',
    },
  });
}

/** Rebuilds every action into a temporary folder; returns the names whose committed dist/index.js differs or is missing. */
export async function staleActions(): Promise<string[]> {
  const tmp = mkdtempSync(join(tmpdir(), "ace-actions-"));
  try {
    const stale: string[] = [];
    for (const name of actionNames()) {
      const out = join(tmp, name, "index.js");
      await buildAction(name, out);
      const committed = join(REPO_ROOT, "actions", name, "dist", "index.js");
      if (!existsSync(committed) || !readFileSync(committed).equals(readFileSync(out))) stale.push(name);
    }
    return stale;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const USAGE = `usage: npm run build:actions -- [--check] [--out DIR] [ACTION...]
  ACTION...         only these actions (default: every action with a src/main.ts)
  --check           build into a temporary directory and exit 1 when a committed dist/index.js is not current
  --out DIR         write DIR/<action>/index.js instead of actions/<action>/dist/index.js
  -h, --help        print this help and exit
`;

async function main(): Promise<number> {
  const { values, positionals } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: { check: { type: "boolean", default: false }, out: { type: "string" } },
    allowPositionals: true,
  });
  if (values.check) {
    const stale = await staleActions();
    for (const s of stale) console.error(`✖ actions/${s}/dist/index.js is not current: run npm run build:actions`);
    return stale.length ? 1 : 0;
  }
  const out = values.out;
  const all = actionNames();
  const unknown = positionals.filter((n) => !all.includes(n));
  if (unknown.length > 0) throw new Error(`unknown action(s) ${unknown.join(", ")}; actions: ${all.join(", ")}`);
  for (const name of positionals.length > 0 ? positionals : all) {
    await buildAction(name, out ? join(out, name, "index.js") : join(REPO_ROOT, "actions", name, "dist", "index.js"));
    console.error(`✔ actions/${name}/dist/index.js`);
  }
  return 0;
}

if (import.meta.main) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`build:actions: ${(err as Error).message}`);
      process.exitCode = 2;
    },
  );
}
