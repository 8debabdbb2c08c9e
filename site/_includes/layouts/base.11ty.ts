/** The page shell: skip link, header and navigation, the freshness banner, main content, footer. */
import { html, raw } from "../../_lib/html.ts";
import { NAV, workerNav } from "../../_lib/nav.ts";
import type { PageEntry, SiteData } from "../../_lib/types.ts";

interface LayoutData {
  readonly ace: SiteData & { readonly pages: readonly PageEntry[] };
  readonly entry: PageEntry;
  readonly content: string;
}

/** One line per dataset with its last good sync; datasets never synced are grouped into one line. */
function banner(ace: SiteData, href: (p: string) => string): string {
  if (ace.banner.length === 0) return "";
  const link = (d: string) => html`<a href="${href(`data/#dataset-${d}`)}">${d}</a>`;
  const never = ace.banner.filter((b) => b.lastSuccessAt === null);
  const dated = ace.banner.filter((b) => b.lastSuccessAt !== null);
  return html`<div class="banner" role="status" id="freshness-banner"><p><strong>Some data may be out of date or incomplete.</strong> <a href="${href(
    "data/",
  )}">Data status</a></p><ul>${dated.map(
    (b) =>
      html`<li>${link(b.dataset)}: ${b.problem}; last good sync ${(b.lastSuccessAt ?? "").replace("T", " ").replace("Z", " UTC")}.</li>`,
  )}${
    never.length > 0
      ? html`<li>No successful sync recorded for ${never.map((b, i) => html`${i > 0 ? ", " : ""}${link(b.dataset)}`)}.</li>`
      : ""
  }</ul></div>`.toString();
}

export function render(d: LayoutData): string {
  const href = d.ace.href;
  const e = d.entry;
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e.title} · ACE data</title><meta name="description" content="ACE program data: certifications, exams, learning journey and Copilot usage.">
<meta name="color-scheme" content="light dark"><link rel="stylesheet" href="${href("assets/site.css")}">
<link rel="icon" href="data:,"><link rel="alternate" type="application/atom+xml" title="ACE data: changes" href="${href("feed.xml")}">${e.hasCharts ? html`<script type="module" src="${href("assets/lazy.js")}"></script>` : ""}</head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="top"><a class="brand" href="${href("")}">ACE data</a>
<nav aria-label="Main"><ul>${NAV.map(
    (n) =>
      html`<li><a href="${href(n.url)}"${n.nav === e.nav ? html` aria-current="${e.url === n.url ? "page" : "true"}"` : ""}>${n.title}</a></li>`,
  )}${workerNav(d.ace.workerUrl).map((n) => html`<li><a href="${n.url}">${n.title}</a></li>`)}</ul></nav></header>
${raw(banner(d.ace, href))}
<main id="main" tabindex="-1">${raw(d.content)}</main>
<footer><p>Built ${d.ace.now.slice(0, 10)} from ${d.ace.dataLabel}. Aggregates only; cells under 5 people are suppressed. <a href="${href(
    "about/",
  )}">About</a> · <a href="${href("data/")}">Data</a></p></footer></body></html>`}\n`;
}
