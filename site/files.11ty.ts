/** Every downloadable file (chart CSV/JSON, compiled Vega specs, aggregated JSON) written verbatim. */
import type { DownloadFile } from "./_lib/types.ts";

export const data = {
  pagination: { data: "ace.files", size: 1, alias: "file" },
  permalink: (d: { file: DownloadFile }) => d.file.path,
  eleventyExcludeFromCollections: true,
};

export function render(d: { file: DownloadFile }): string {
  return d.file.content;
}
