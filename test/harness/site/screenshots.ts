/**
 * `npm run screenshots [-- --data-dir DIR]`: builds the site from DIR (default: the committed data/), serves it on
 * loopback and writes README screenshots of the overview, exams and Copilot pages, light and dark, into
 * docs/screenshots/ (the Chromium of @sparticuz/chromium, or CHROMIUM_PATH, via playwright-core; JavaScript off so
 * the images are deterministic). Freshness is judged at ACE_NOW, by default the demo's fixed "now". A browser that
 * cannot start fails first, within the launch timeout, with the path it tried and exit code 1.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATA_DIR_OPTION, dataDir, parseCli } from "#core/args.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { DEMO } from "../../../sim/world/scales.ts";
import { launch } from "./browser.ts";
import { runBuild } from "./build.ts";
import { serveSite } from "./serve.ts";

const PAGES = [
  ["overview", ""],
  ["exams", "exams/"],
  ["copilot", "copilot/"],
] as const;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: `usage: npm run screenshots -- [--out DIR] [--data-dir DIR]
  --out DIR         where the PNGs are written (default: docs/screenshots/)
  --data-dir DIR    the data the site is built from (default: data/)
  -h, --help        print this help and exit
Environment: CHROMIUM_PATH (a browser), ACE_NOW (default: the demo's "now").
`,
    options: { out: { type: "string" }, ...DATA_DIR_OPTION },
  });
  const outDir = values.out ?? join(REPO_ROOT, "docs", "screenshots");
  // the browser first: when it cannot start, nothing else has been built or served (and nothing keeps the process up)
  const browser = await launch();
  const tmp = mkdtempSync(join(tmpdir(), "ace-shots-"));
  try {
    // the committed demo data is judged at the demo's "now" unless ACE_NOW says otherwise
    const r = await runBuild(dataDir(values), join(tmp, "site"), {
      SITE_PATH_PREFIX: "/ace/",
      ACE_NOW: process.env.ACE_NOW || DEMO.now,
    });
    if (r.status !== 0) throw new Error(`build failed:\n${r.output}`);
    const site = await serveSite(join(tmp, "site"), "/ace/");
    mkdirSync(outDir, { recursive: true });
    try {
      for (const scheme of ["light", "dark"] as const) {
        const ctx = await browser.newContext({
          colorScheme: scheme,
          javaScriptEnabled: false,
          viewport: { width: 1280, height: 1400 },
        });
        const page = await ctx.newPage();
        for (const [name, path] of PAGES) {
          await page.goto(site.url + path, { timeout: 30_000 });
          const file = join(outDir, `${name}-${scheme}.png`);
          await page.screenshot({ path: file, timeout: 30_000 });
          console.log(file);
        }
        await ctx.close();
      }
    } finally {
      await site.close();
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
