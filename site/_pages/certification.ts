/**
 * One certification's page (certifications/gh-100/ …): a filter of the Certifications view as a static page with a
 * shareable URL, working without JavaScript. Every number is a published cell of the aggregates (the same suppression,
 * and the privacy audit reads these charts' downloads through `chartViews`).
 */
import { show } from "../_lib/cells.ts";
import { html, type Raw } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import type { SiteData } from "../_lib/types.ts";
import { asOf, charts, fyFilter, type Href } from "./common.ts";

export function certFilter(ace: SiteData, current: string | null, href: Href): Raw {
  return fyFilter("certifications/", ace.fyViews.certifications, current, href, "Certification", "All certifications");
}

export function certificationPage(ace: SiteData, href: Href, cert: string): Raw {
  const a = ace.agg;
  const status = a.certifications.status.find((r) => r.certification === cert);
  const time = a.certifications.time_to_certify.find((r) => r.certification === cert);
  const retakes = a.exams.retakes.find((r) => r.certification === cert);
  const years = a.exams.by_exam_year.filter((r) => r.certification === cert && r.fiscal_year !== "all");
  const facts: [string, string][] = [
    ["Certifications active", status ? show(status.active) : "n/a"],
    ["Certifications expired", status ? show(status.expired) : "n/a"],
    ["Median days from first registration", time ? show(time.median_days) : "n/a"],
    ["90th percentile days", time ? show(time.p90_days) : "n/a"],
    ["People who retook the exam", retakes ? show(retakes.retake_rate, "pct") : "n/a"],
  ];
  return html`<h1>Certification ${cert}</h1>
<p class="lede">People holding ${cert}, its exams by outcome, expiry, time to certify and retakes. Counts under 5 people are suppressed, as everywhere on this site.</p>
${certFilter(ace, cert, href)}
${asOf(a.certifications.as_of)}
${charts(ace.charts[`certifications/${cert}`], href)}
<section aria-labelledby="cert-facts"><h2 id="cert-facts">${cert} at a glance</h2>
<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<div class="table-wrap" tabindex="0" role="region" aria-label="${cert} exams per fiscal year"><table><caption>${cert} exams per fiscal year</caption>
<thead><tr><th scope="col">Fiscal year</th><th scope="col">Registrations</th><th scope="col">Completed</th><th scope="col">Passed</th><th scope="col">Pass rate</th></tr></thead>
<tbody>${years.map(
    (r) =>
      html`<tr><th scope="row">${partialLabel(r.fiscal_year, isPartial(r.fiscal_year, a.exams.as_of))}</th><td class="num">${show(r.registrations)}</td><td class="num">${show(r.completed)}</td><td class="num">${show(r.passed)}</td><td class="num">${show(r.pass_rate, "pct")}</td></tr>`,
  )}</tbody></table></div></section>`;
}
