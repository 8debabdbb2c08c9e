// Eleventy 3 configuration of the ACE data site. Everything lives in the plugin (TypeScript, run by Node 24).
import { buildOptions } from "./_config/options.ts";
import { acePlugin } from "./_config/plugin.ts";

export default function (eleventyConfig) {
  acePlugin(eleventyConfig, buildOptions());
  eleventyConfig.setQuietMode(true);
}

// Input (site/) and output (site/_site/ by default) are given by scripts/build-site.ts.
export const config = { templateFormats: ["11ty.ts"] };
