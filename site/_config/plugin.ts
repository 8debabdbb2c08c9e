/** The site's Eleventy plugin: TypeScript templates, the `ace` global data, browser assets and the privacy guard. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { DownloadFile, SiteData } from "../_lib/types.ts";
import { loadSite, type SiteOptions } from "../_load/site.ts";
import { pageEntries } from "../_pages/index.ts";
import { buildAssets } from "./assets.ts";
import { assertNoPersonalData } from "./guard.ts";

interface UserConfig {
  addExtension(ext: string[], opts: { key: string }): void;
  addTemplateFormats(ext: string): void;
  addGlobalData(name: string, value: () => Promise<unknown>): void;
  on(event: "eleventy.after", fn: (ev: { directories: { output: string } }) => Promise<void>): void;
  setQuietMode(q: boolean): void;
  getFilter(name: string): unknown;
}

/** Every download (chart CSV/JSON, compiled Vega specs, aggregated JSON), written verbatim next to the pages. */
function writeDownloads(outDir: string, files: readonly DownloadFile[]): void {
  for (const f of files) {
    const path = join(outDir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
}

export function acePlugin(cfg: UserConfig, o: SiteOptions): void {
  cfg.addExtension(["11ty.ts"], { key: "11ty.js" });
  cfg.addTemplateFormats("11ty.ts");
  // every internal link goes through Eleventy's own `url` filter, which applies the build's pathPrefix
  const url = cfg.getFilter("url") as (path: string) => string;
  let site: SiteData | undefined;
  cfg.addGlobalData("ace", async () => {
    site = await loadSite(o, (p) => url(`/${p.replace(/^\/+/, "")}`));
    return { ...site, pages: pageEntries(site) };
  });
  cfg.on("eleventy.after", async ({ directories }) => {
    if (site) writeDownloads(directories.output, site.files);
    await buildAssets(directories.output);
    assertNoPersonalData(directories.output);
  });
}
