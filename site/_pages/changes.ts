/**
 * The Changes page, its Atom feed (`feed.xml`) and the static status badge (`badge/sync.json`, shields.io endpoint
 * format). All three come from the build's inputs only: the change log (site/_load/changes.ts) and the freshness.
 */
import { serializeBadge, syncBadge, syncOverall } from "#core/badge.ts";
import { esc, fmtNumber, html, type Raw } from "../_lib/html.ts";
import type { DownloadFile } from "../_lib/types.ts";
import type { ChangeEntry, ChangeLog, KpiChange } from "../_load/changes.ts";
import type { DatasetHealth } from "../_load/freshness.ts";
import type { Href } from "./common.ts";

const when = (iso: string) => iso.replace("T", " ").replace("Z", " UTC");
const anchor = (e: ChangeEntry) => `sync-${e.commit.slice(0, 12)}`;

function signed(n: number, digits = 0): string {
  return `${n > 0 ? "+" : n < 0 ? "−" : "±"}${fmtNumber(Math.abs(n), digits)}`;
}

function kpiText(k: KpiChange): string {
  if (k.small) return `${k.label}: changed by fewer than 5`;
  if (k.delta === null) return `${k.label}: changed`;
  if (k.unit === "rate") return `${k.label}: ${signed(k.delta * 100, 1)} pts`;
  return `${k.label}: ${signed(k.delta, Number.isInteger(k.delta) ? 0 : 1)}`;
}

function rowsText(d: ChangeEntry["datasets"][number]): string {
  if (d.added) return "first sync";
  if (d.small) return "fewer than 5 rows changed";
  if (d.rowsDelta === null) return "content changed";
  return d.rowsDelta === 0 ? "rows changed in place (same count)" : `${signed(d.rowsDelta)} rows`;
}

export function entryTitle(e: ChangeEntry): string {
  return `${when(e.date)}: ${e.datasets.length} dataset${e.datasets.length === 1 ? "" : "s"} changed`;
}

/** Plain-text summary of one sync (the feed's content). */
export function entrySummary(e: ChangeEntry): string {
  const ds = e.datasets.map((d) => `${d.dataset} (${rowsText(d)})`).join("; ");
  const kpis = e.kpis.map(kpiText).join("; ");
  return `Datasets: ${ds}.${kpis ? ` Headline figures: ${kpis}.` : ""}`;
}

function prLink(log: ChangeLog, e: ChangeEntry): string | null {
  return log.repoUrl && e.pr !== null ? `${log.repoUrl}/pull/${e.pr}` : null;
}

export function changesPage(log: ChangeLog, href: Href): Raw {
  const entries = log.entries;
  return html`<h1>Changes</h1>
<p class="lede">Each sync that changed data: when, which datasets, how their row counts and the headline figures moved, and the pull request that brought it. Newest first. Also as an <a href="${href("feed.xml")}">Atom feed</a>; the current sync status as a <a href="${href("badge/sync.json")}">badge endpoint</a> (shields.io format).</p>
<p class="muted small">${log.note} Changes of 1–4 in a count are shown as "fewer than 5", without the number, like every small cell on this site.</p>
${
  entries === null || entries.length === 0
    ? html`<p class="notice">No sync that changed data is recorded in this build.</p>`
    : html`<ol class="changes">${entries.map((e) => {
        const pr = prLink(log, e);
        return html`<li id="${anchor(e)}"><h2>${entryTitle(e)}</h2>
<ul>${e.datasets.map((d) => html`<li><a href="${href(`data/#dataset-${d.dataset}`)}">${d.dataset}</a>: ${rowsText(d)}</li>`)}</ul>
${e.kpis.length > 0 ? html`<p>Headline figures: ${e.kpis.map(kpiText).join("; ")}.</p>` : html`<p class="muted small">No change in the published headline figures.</p>`}
<p class="small">${pr ? html`<a href="${pr}">Pull request #${e.pr ?? ""}</a> · ` : ""}commit <code>${e.commit.slice(0, 12)}</code></p></li>`;
      })}</ol>`
}`;
}

/** Atom 1.0 (RFC 4287) feed of the change log; ids are tag URIs, links relative to the site (with its prefix). */
export function atomFeed(log: ChangeLog, href: Href, builtAt: string): string {
  const entries = log.entries ?? [];
  const updated = entries[0]?.date ?? `${builtAt.slice(0, 19)}Z`;
  const x = esc;
  const items = entries.map(
    (e) => `  <entry>
    <id>tag:ace-data,2026:sync/${x(e.commit)}</id>
    <title>${x(entryTitle(e))}</title>
    <updated>${x(e.date)}</updated>
    <link rel="alternate" type="text/html" href="${x(href(`changes/#${anchor(e)}`))}"/>
    <summary type="text">${x(entrySummary(e))}</summary>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:ace-data,2026:changes</id>
  <title>ACE data: what changed in each sync</title>
  <updated>${x(updated)}</updated>
  <author><name>ACE data site</name></author>
  <link rel="self" type="application/atom+xml" href="${x(href("feed.xml"))}"/>
  <link rel="alternate" type="text/html" href="${x(href("changes/"))}"/>
${items.join("")}</feed>
`;
}

/** feed.xml and badge/sync.json, written beside the pages. */
export function changeFiles(
  log: ChangeLog,
  health: readonly DatasetHealth[],
  href: Href,
  builtAt: string,
): DownloadFile[] {
  const o = syncOverall(health.map((h) => ({ freshness: h.state, status: h.status === "missing" ? null : h.status })));
  return [
    { path: "feed.xml", content: atomFeed(log, href, builtAt) },
    { path: "badge/sync.json", content: serializeBadge(syncBadge(o.overall, o.problems, health.length)) },
  ];
}
