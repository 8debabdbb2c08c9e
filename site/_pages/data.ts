/** The Data page: freshness and status per dataset, downloads, the data dictionary, and (optionally) live status. */
import type { DatasetSchema } from "#core/schema.ts";
import { fmtNumber, html, type Raw } from "../_lib/html.ts";
import type { SiteData } from "../_lib/types.ts";
import type { Href } from "./common.ts";

function when(iso: string | null): string {
  return iso ? iso.replace("T", " ").replace("Z", " UTC") : "never";
}

function age(h: number | null): string {
  if (h === null) return "";
  return h < 48 ? `${Math.round(h)} h ago` : `${Math.round(h / 24)} days ago`;
}

function health(ace: SiteData): Raw {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Dataset status"><table class="status"><caption>Status of every dataset, from sync_status.json and the last sync run</caption>
<thead><tr><th scope="col">Dataset</th><th scope="col">Last sync</th><th scope="col">Freshness</th><th scope="col">Last checked</th><th scope="col">Last changed</th><th scope="col">Rows</th><th scope="col">Cadence</th><th scope="col">Notes</th></tr></thead>
<tbody>${ace.health.map(
    (h) => html`<tr id="dataset-${h.name}"><th scope="row"><a href="#dict-${h.name}">${h.name}</a></th>
<td><span class="pill pill-${h.status}">${h.status}</span></td>
<td><span class="pill pill-${h.state}">${h.state}</span> <span class="muted small">${age(h.ageHours)}</span></td>
<td>checked ${when(h.lastCheckedAt)}</td><td>changed ${when(h.lastChangedAt)}</td>
<td class="num">${h.rows === null ? "—" : fmtNumber(h.rows)}</td><td>${h.cadence}</td>
<td>${h.error ?? ""}${h.notReadyDays.length > 0 ? ` Not ready: ${h.notReadyDays.join(", ")}.` : ""}</td></tr>`,
  )}</tbody></table></div>`;
}

function downloads(ace: SiteData, href: Href): Raw {
  const charts = Object.values(ace.charts).flat();
  return html`<h3>Aggregated files</h3><ul class="downloads">${ace.aggregatedFiles.map(
    (f) =>
      html`<li><a href="${href(`data/aggregated/${f.name}`)}" download>${f.name}</a> <span class="muted small">${fmtNumber(
        Math.ceil(f.bytes / 1024),
      )} KB, as of ${when(f.asOf)}</span></li>`,
  )}</ul>
<details><summary>Plotted data of every chart (CSV and JSON)</summary><ul class="downloads">${charts.map(
    (c) =>
      html`<li>${c.def.title}: <a href="${href(`charts/${c.def.id}.csv`)}" download>CSV</a> · <a href="${href(
        `charts/${c.def.id}.json`,
      )}" download>JSON</a></li>`,
  )}</ul></details>`;
}

function source(s: DatasetSchema): string {
  switch (s.source.kind) {
    case "kusto":
      return `Kusto: ${s.source.clusters.map((c) => `${c.cluster}/${c.database}`).join(", ")}`;
    case "github":
      return `GitHub API: ${s.source.endpoints.join(", ")}`;
    case "derived":
      return `Derived from ${s.source.from.join(", ")}`;
  }
}

function dictionary(ace: SiteData): Raw {
  return html`${ace.schemas.map(
    (
      s,
    ) => html`<section class="dict" id="dict-${s.name}" aria-labelledby="dict-${s.name}-h"><h3 id="dict-${s.name}-h">${s.title} <code>${s.name}</code></h3>
<p>${s.description}</p>
<dl class="facts"><dt>Grain</dt><dd>${s.grain}</dd><dt>Source</dt><dd>${source(s)}</dd><dt>Cadence</dt><dd>${s.cadence}</dd><dt>Primary key</dt><dd>${s.primaryKey.join(", ")}</dd></dl>
<details><summary>${s.fields.length} fields</summary><div class="table-wrap" tabindex="0" role="region" aria-label="Fields of ${s.name}"><table><caption>Fields of ${s.name}</caption>
<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Personal</th><th scope="col">Description</th></tr></thead>
<tbody>${s.fields.map(
      (f) =>
        html`<tr><th scope="row"><code>${f.name}</code></th><td>${f.type}</td><td>${f.constraints.required ? "yes" : "no"}</td><td>${
          f.personal ? "yes: never published" : "no"
        }</td><td>${f.description}</td></tr>`,
    )}</tbody></table></div></details></section>`,
  )}`;
}

export function dataPage(ace: SiteData, href: Href): Raw {
  const live = ace.workerUrl
    ? html`<section id="live-status" data-worker="${ace.workerUrl}" aria-live="polite"><h2>Live status</h2><p class="muted">Asking the worker for the live sync status… (needs JavaScript; the table below is the status at build time).</p></section>
<script type="module" src="${href("assets/live-status.js")}"></script>`
    : html`<p class="notice">Cached data: this page shows the sync status as of the last build (${when(`${ace.now.slice(0, 19)}Z`)}); no live status source is configured.</p>`;
  return html`<h1>Data</h1>
<p class="lede">Where the numbers come from, how fresh they are, and every file to download. Source: ${ace.dataLabel}.</p>
${live}
<section aria-labelledby="status-h"><h2 id="status-h">Freshness and status</h2>
<p>A dataset is <strong>fresh</strong> when a sync checked it recently, whether or not its content changed, and <strong>stale</strong> when its last successful check is older than twice its cadence (48 h for nightly, 14 days for weekly). <em>Checked</em> is when a sync last confirmed the data; <em>changed</em> is when its content last changed.</p>
${health(ace)}</section>
<section aria-labelledby="dl-h"><h2 id="dl-h">Downloads</h2>${downloads(ace, href)}</section>
<section aria-labelledby="dict-h"><h2 id="dict-h">Data dictionary</h2>
<p>The datasets behind the aggregates, from <code>data/schema</code>. Fields marked personal are never published on this site: it only shows aggregates.</p>
${dictionary(ace)}</section>`;
}
