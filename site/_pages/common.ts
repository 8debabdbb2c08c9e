/** Pieces shared by page bodies: chart lists, fiscal-year filter links, "data as of" notes. */
import type { RenderedChart } from "../_lib/chart.ts";
import { figure } from "../_lib/figure.ts";
import { html, type Raw } from "../_lib/html.ts";

export type Href = (p: string) => string;

export function charts(list: readonly RenderedChart[] | undefined, href: Href): Raw {
  return html`${(list ?? []).map((c) => figure(c, href))}`;
}

/** Fiscal-year filter that works without JavaScript: plain links to per-FY views. */
export function fyFilter(
  base: string,
  years: readonly string[],
  current: string | null,
  href: Href,
  label: string,
  allLabel = "All years",
): Raw {
  return html`<nav class="fy-filter" aria-label="${label}"><span>${label}:</span> <ul>
<li><a href="${href(base)}"${current === null ? html` aria-current="page"` : ""}>${allLabel}</a></li>${years.map(
    (fy) =>
      html`<li><a href="${href(`${base}${fy.toLowerCase()}/`)}"${current === fy ? html` aria-current="page"` : ""}>${fy}</a></li>`,
  )}</ul></nav>`;
}

export function asOf(iso: string): Raw {
  return html`<p class="muted small">Data as of ${iso.replace("T", " ").replace("Z", " UTC")}.</p>`;
}
