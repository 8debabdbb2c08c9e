/** The site's Eleventy plugin: TypeScript templates, the `ace` global data, browser assets and the privacy guard. */
import { loadSite, type SiteOptions } from "../_data/site.ts";
import { pageEntries } from "../_pages/index.ts";
import { buildAssets } from "./assets.ts";
import { assertNoPersonalData } from "./guard.ts";

interface UserConfig {
  addExtension(ext: string[], opts: { key: string }): void;
  addTemplateFormats(ext: string): void;
  addGlobalData(name: string, value: () => Promise<unknown>): void;
  on(event: "eleventy.after", fn: (ev: { directories: { output: string } }) => Promise<void>): void;
  setQuietMode(q: boolean): void;
}

export function acePlugin(cfg: UserConfig, o: SiteOptions): void {
  cfg.addExtension(["11ty.ts"], { key: "11ty.js" });
  cfg.addTemplateFormats("11ty.ts");
  cfg.addGlobalData("ace", async () => {
    const site = await loadSite(o);
    return { ...site, pages: pageEntries(site) };
  });
  cfg.on("eleventy.after", async ({ directories }) => {
    await buildAssets(directories.output);
    assertNoPersonalData(directories.output);
  });
}
