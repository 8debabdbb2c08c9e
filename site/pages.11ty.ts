/** All HTML pages: one pagination over `ace.pages`, each wrapped in the base layout. */
import type { PageEntry } from "./_lib/types.ts";

export const data = {
  pagination: { data: "ace.pages", size: 1, alias: "entry" },
  layout: "layouts/base.11ty.ts",
  permalink: (d: { entry: PageEntry }) => `${d.entry.url}index.html`,
  eleventyComputed: { title: (d: { entry: PageEntry }) => d.entry.title },
};

export function render(d: { entry: PageEntry }): string {
  return d.entry.body;
}
