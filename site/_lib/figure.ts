/** The HTML of one chart: caption, inline SVG, accessible description, table toggle and downloads. */
import type { ChartRow, Column, RenderedChart } from "./chart.ts";
import { esc, fmtNumber, fmtPercent, html, type Raw, raw } from "./html.ts";

function cellText(c: Column, r: ChartRow): { text: string; cls: string } {
  const v = r[c.key] ?? null;
  if (v === null) {
    const note = r.note;
    return { text: note === "suppressed" || note === "not ready" ? String(note) : "n/a", cls: "missing" };
  }
  if (typeof v === "number") {
    if (c.format === "pct") return { text: fmtPercent(v), cls: "num" };
    if (c.format === "dec1") return { text: fmtNumber(v, 1), cls: "num" };
    if (c.format === "int") return { text: fmtNumber(v), cls: "num" };
  }
  return { text: String(v), cls: "" };
}

export function dataTable(columns: readonly Column[], rows: readonly ChartRow[], caption: string): Raw {
  return html`<table><caption>${caption}</caption><thead><tr>${columns.map(
    (c) => html`<th scope="col">${c.label}</th>`,
  )}</tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr>${columns.map((c) => {
        const t = cellText(c, r);
        return t.cls ? html`<td class="${t.cls}">${t.text}</td>` : html`<td>${t.text}</td>`;
      })}</tr>`,
  )}</tbody></table>`;
}

/**
 * Tables longer than this are not inlined in the chart's "show as table" toggle (hundreds of hidden rows would make
 * every page heavy to parse); the toggle links to the table's own page instead (`tableHref`), which lists every row.
 */
export const INLINE_TABLE_ROWS = 120;

/** Site path of a long chart table's own page. */
export function tablePath(chartId: string): string {
  return `tables/${chartId}/`;
}

/** The chart's rows as a scrollable, keyboard-focusable table region. */
function tableRegion(c: RenderedChart): Raw {
  const d = c.def;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${esc(d.title)} (table)">${dataTable(
    d.columns,
    d.rows,
    d.title,
  )}</div>`;
}

function tableToggle(c: RenderedChart, href: (p: string) => string): Raw {
  const d = c.def;
  if (d.rows.length > INLINE_TABLE_ROWS) {
    return html`<details class="chart-table"><summary>Show as table</summary><p class="table-link">This table has ${fmtNumber(
      d.rows.length,
    )} rows, so it has a page of its own: <a href="${href(tablePath(d.id))}">${d.title} (table)</a>.</p></details>`;
  }
  return html`<details class="chart-table"><summary>Show as table</summary>${tableRegion(c)}</details>`;
}

/** Body of a long table's own page: every plotted row, with the same downloads as the chart. */
export function tablePage(c: RenderedChart, chartPage: string, href: (p: string) => string): Raw {
  const d = c.def;
  return html`<h1>${d.title} (table)</h1>
<p>${d.takeaway} <a href="${href(chartPage)}#chart-${d.id}">Back to the chart</a>.</p>
${tableRegion(c)}
<p class="chart-meta">Download the same rows: <a href="${href(`charts/${d.id}.csv`)}" download>CSV</a> · <a href="${href(
    `charts/${d.id}.json`,
  )}" download>JSON</a> · Data from ${datasetLinks(href, d.sources)}</p>`;
}

export function datasetLinks(href: (p: string) => string, sources: readonly string[]): Raw {
  return html`${sources.map((s, i) => html`${i > 0 ? ", " : ""}<a href="${href(`data/#dataset-${s}`)}">${s}</a>`)}`;
}

/**
 * A chart whose every plotted value is suppressed has nothing to draw: instead of an empty plot full of missing
 * marks, say so (the table and downloads stay, so the reader sees which cells exist).
 */
function emptyFigure(c: RenderedChart, href: (p: string) => string): Raw {
  const d = c.def;
  const id = `chart-${d.id}`;
  return html`<section class="chart chart-empty" id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${d.title}</h2><p class="takeaway">${d.takeaway}</p>
<p class="notice">All ${fmtNumber(d.rows.length)} values of this chart count fewer than 5 people, so every one is suppressed and there is nothing to draw.</p>
${tableToggle(c, href)}
<p class="chart-meta">Download the (suppressed) rows: <a href="${href(`charts/${d.id}.csv`)}" download>CSV</a> · <a href="${href(
    `charts/${d.id}.json`,
  )}" download>JSON</a> · Data from ${datasetLinks(href, d.sources)}</p>
</section>`;
}

export function figure(c: RenderedChart, href: (p: string) => string): Raw {
  const d = c.def;
  if (d.rows.length > 0 && c.suppressed === d.rows.length) return emptyFigure(c, href);
  const id = `chart-${d.id}`;
  const missing: string[] = [];
  if (c.suppressed > 0) missing.push(`${c.suppressed} suppressed value(s) (fewer than 5 people)`);
  if (c.notReady > 0) missing.push(`${c.notReady} value(s) for days whose report is not ready yet`);
  return html`<figure class="chart" id="${id}" data-spec="${href(`charts/${d.id}.vg.json`)}">
<figcaption><h2 id="${id}-title">${d.title}</h2><p class="takeaway">${d.takeaway}</p></figcaption>
<p class="scroll-hint" aria-hidden="true">Scroll sideways to see the whole chart →</p>
<div class="chart-canvas" tabindex="0" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc">${raw(c.svg)}</div>
<p class="chart-desc" id="${id}-desc">${d.description}${
    missing.length > 0 ? ` Missing values are marked, not drawn as zero: ${missing.join("; ")}.` : ""
  }</p>
${tableToggle(c, href)}
<p class="chart-meta">Download the plotted data: <a href="${href(`charts/${d.id}.csv`)}" download>CSV</a> · <a href="${href(
    `charts/${d.id}.json`,
  )}" download>JSON</a> · Data from ${datasetLinks(href, d.sources)}</p>
</figure>`;
}
