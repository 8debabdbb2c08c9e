/**
 * Region pages (region/ and region/amer/ …): a filter of the program's figures by sales region as static pages with
 * shareable URLs, working without JavaScript. Every number is a published cell of regions.json (the same
 * suppression as everywhere; regions with mostly small cells are shown together as "Other regions").
 */
import { MAX_SMALL_SHARE } from "#core/aggregated/regions.ts";
import type { Regions } from "#core/aggregated/schemas.ts";
import type { Agg } from "../_lib/agg.ts";
import { show } from "../_lib/cells.ts";
import { html, type Raw } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import type { SiteData } from "../_lib/types.ts";
import { asOf, type Href } from "./common.ts";

type RegionRow = Regions["regions"][number];

/** The published regions (and "Other regions"), without "all", in file order. */
export function regionRows(agg: Agg): RegionRow[] {
  return agg.regions.regions.filter((r) => r.region !== "all");
}

export const regionUrl = (slug: string) => `region/${slug}/`;

function regionFilter(agg: Agg, current: string | null, href: Href): Raw {
  return html`<nav class="fy-filter" aria-label="Region"><span>Region:</span> <ul>
<li><a href="${href("region/")}"${current === null ? html` aria-current="page"` : ""}>All regions</a></li>${regionRows(
    agg,
  ).map(
    (r) =>
      html`<li><a href="${href(regionUrl(r.region))}"${current === r.region ? html` aria-current="page"` : ""}>${r.label}</a></li>`,
  )}</ul></nav>`;
}

const memberName = (m: string) => (m === "UNKNOWN" ? "people whose region is unknown" : m);

const names = (codes: readonly string[]) => codes.map(memberName).join(" and ");

/** Says which regions "Other regions" holds and why (only when a region was merged). */
function mergeNote(agg: Agg): Raw {
  const other = agg.regions.regions.find((r) => r.region === "other");
  if (other === undefined) return html``;
  const small = other.merged_for_small_cells;
  const company = other.members.filter((m) => !small.includes(m));
  return html`<p class="notice">“Other regions” counts ${names(other.members)} together. ${names(small)} ${small.length === 1 ? "has" : "have"} too few people in too many figures to be shown alone (more than ${MAX_SMALL_SHARE * 100}% of the figures would count fewer than 5 people and be suppressed)${company.length > 0 ? html`; ${names(company)}, the smallest other region, is counted with it so that no region is shown alone under another name` : ""}.</p>`;
}

const SUPPRESSION = "Counts under 5 people are suppressed, as everywhere on this site.";

export function regionIndex(ace: SiteData, href: Href): Raw {
  const a = ace.agg;
  return html`<h1>Regions</h1>
<p class="lede">People, exams and certifications by sales region (the region of a person's country). ${SUPPRESSION}</p>
${regionFilter(a, null, href)}
${asOf(a.regions.as_of)}
${mergeNote(a)}
<section aria-labelledby="region-compare"><h2 id="region-compare">Regions compared</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="Regions compared"><table><caption>People and certifications per region</caption>
<thead><tr><th scope="col">Region</th><th scope="col">People</th><th scope="col">People examined</th><th scope="col">Certified people</th><th scope="col">Share certified</th></tr></thead>
<tbody>${a.regions.regions.map(
    (r) =>
      html`<tr><th scope="row">${r.region === "all" ? r.label : html`<a href="${href(regionUrl(r.region))}">${r.label}</a>`}</th><td class="num">${show(r.people)}</td><td class="num">${show(r.people_examined)}</td><td class="num">${show(r.certified_people)}</td><td class="num">${show(r.certified_share, "pct")}</td></tr>`,
  )}</tbody></table></div></section>`;
}

export function regionPage(ace: SiteData, href: Href, slug: string): Raw {
  const a = ace.agg;
  const row = a.regions.regions.find((r) => r.region === slug);
  const all = a.regions.regions.find((r) => r.region === "all");
  if (row === undefined) throw new Error(`region page: no region ${slug} in regions.json`);
  const certs = a.regions.certifications.filter((r) => r.region === slug);
  const allCert = (c: string) => a.regions.certifications.find((r) => r.region === "all" && r.certification === c);
  const years = a.regions.by_fiscal_year.filter((r) => r.region === slug);
  const allYear = (fy: string) => a.regions.by_fiscal_year.find((r) => r.region === "all" && r.fiscal_year === fy);
  const facts: [string, string][] = [
    ["People", show(row.people)],
    ["People who completed an exam", show(row.people_examined)],
    ["Certified people", show(row.certified_people)],
    ["Share certified", show(row.certified_share, "pct")],
    ["Share certified, all regions", all ? show(all.certified_share, "pct") : "n/a"],
  ];
  const name = row.region === "other" ? "Other regions" : `Region ${row.label}`;
  return html`<h1>${name}</h1>
<p class="lede">People of ${row.members.length > 1 ? row.members.map(memberName).join(" and ") : row.label}: how many were examined and certified, certifications by type, and exams and pass rate per fiscal year. ${SUPPRESSION}</p>
${regionFilter(a, slug, href)}
${asOf(a.regions.as_of)}
${row.region === "other" ? mergeNote(a) : ""}
<section aria-labelledby="region-facts"><h2 id="region-facts">${row.label} at a glance</h2>
<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></section>
<section aria-labelledby="region-certs"><h2 id="region-certs">Certifications by type</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="${row.label} certifications by type"><table><caption>People holding each certification, ${row.label} and all regions</caption>
<thead><tr><th scope="col">Certification</th><th scope="col">${row.label}</th><th scope="col">All regions</th></tr></thead>
<tbody>${certs.map(
    (r) =>
      html`<tr><th scope="row">${ace.fyViews.certifications.includes(r.certification) ? html`<a href="${href(`certifications/${r.certification.toLowerCase()}/`)}">${r.certification}</a>` : r.certification}</th><td class="num">${show(r.people)}</td><td class="num">${show(allCert(r.certification)?.people ?? { value: null, suppressed: false })}</td></tr>`,
  )}</tbody></table></div></section>
<section aria-labelledby="region-exams"><h2 id="region-exams">Exams per fiscal year</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="${row.label} exams per fiscal year"><table><caption>${row.label} exams completed and passed per fiscal year</caption>
<thead><tr><th scope="col">Fiscal year</th><th scope="col">Completed</th><th scope="col">Passed</th><th scope="col">Pass rate</th><th scope="col">Pass rate, all regions</th></tr></thead>
<tbody>${years.map(
    (r) =>
      html`<tr><th scope="row">${partialLabel(r.fiscal_year, isPartial(r.fiscal_year, a.regions.as_of))}</th><td class="num">${show(r.completed)}</td><td class="num">${show(r.passed)}</td><td class="num">${show(r.pass_rate, "pct")}</td><td class="num">${show(allYear(r.fiscal_year)?.pass_rate ?? { value: null, suppressed: false }, "pct")}</td></tr>`,
  )}</tbody></table></div></section>`;
}
