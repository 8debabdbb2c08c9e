/** Bodies of the chart pages (everything except Data and About). */
import type { Agg } from "../_lib/agg.ts";
import { show } from "../_lib/cells.ts";
import { html, type Raw } from "../_lib/html.ts";
import { isPartial, partialLabel } from "../_lib/periods.ts";
import type { SiteData } from "../_lib/types.ts";
import { certFilter } from "./certification.ts";
import { asOf, charts, fyFilter, type Href } from "./common.ts";
import { kpiCards } from "./kpis.ts";

export function overview(ace: SiteData, href: Href): Raw {
  return html`<h1>ACE program overview</h1>
<p class="lede">Certifications, exams, learning and Copilot use of the ACE program, from aggregated data only.</p>
${asOf(ace.agg.kpis.as_of)}
${kpiCards(ace.agg, href)}
${charts(ace.charts.overview, href)}`;
}

export function certifications(ace: SiteData, href: Href): Raw {
  const fyRows = ace.agg.certifications.by_fiscal_year.filter((r) => r.certification === "all");
  return html`<h1>Certifications</h1>
<p class="lede">Certifications earned, still active or expired, and how long people take to get there.</p>
${certFilter(ace, null, href)}
${asOf(ace.agg.certifications.as_of)}
${charts(
  ace.charts.overview?.filter((c) => c.def.id === "certified-cumulative"),
  href,
)}
${charts(ace.charts.certifications, href)}
<section aria-labelledby="cert-fy"><h2 id="cert-fy">By fiscal year</h2>
<p>People certified for the first time in each fiscal year. A person counts once, by their first certification, so these are lower than the certifications earned in the chart above, where a person holding several certifications counts once per certification.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="People certified by fiscal year"><table><caption>People certified per fiscal year (first certification)</caption>
<thead><tr><th scope="col">Fiscal year</th><th scope="col">Newly certified people</th><th scope="col">Certified people (cumulative)</th></tr></thead>
<tbody>${fyRows.map((r) => html`<tr><th scope="row">${partialLabel(r.period, isPartial(r.period, ace.agg.certifications.as_of))}</th><td class="num">${show(r.new)}</td><td class="num">${show(r.cumulative)}</td></tr>`)}</tbody></table></div></section>`;
}

function examSummary(agg: Agg, fy: string): Raw {
  const rows = agg.exams.by_exam_year.filter((r) => r.fiscal_year === fy);
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Exams ${fy}"><table><caption>Exams ${fy === "all" ? "in all fiscal years" : `in ${fy}`}, by certification</caption>
<thead><tr><th scope="col">Certification</th><th scope="col">Registrations</th><th scope="col">Completed</th><th scope="col">Passed</th><th scope="col">No-shows</th><th scope="col">Cancelled</th><th scope="col">Pass rate</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${r.certification}</th><td class="num">${show(r.registrations)}</td><td class="num">${show(r.completed)}</td><td class="num">${show(r.passed)}</td><td class="num">${show(r.no_show)}</td><td class="num">${show(r.cancelled)}</td><td class="num">${show(r.pass_rate, "pct")}</td></tr>`,
  )}</tbody></table></div>`;
}

export function exams(ace: SiteData, href: Href, fy: string | null): Raw {
  return html`<h1>Exams${fy ? ` in ${fy}` : ""}</h1>
<p class="lede">Registrations and outcomes, pass rates, retakes, delivery mode and where the records come from.</p>
${fyFilter("exams/", ace.fyViews.exams, fy, href, "Fiscal year")}
${asOf(ace.agg.exams.as_of)}
${fy ? charts(ace.charts[`exams/${fy}`], href) : charts(ace.charts.exams, href)}
<section aria-labelledby="exam-table"><h2 id="exam-table">Summary table</h2>${examSummary(ace.agg, fy ?? "all")}</section>`;
}

export function journey(ace: SiteData, href: Href, cohort: string | null): Raw {
  return html`<h1>Learning journey${cohort ? `: ${cohort} cohort` : ""}</h1>
<p class="lede">From learning to Skills courses, exam registration, the exam, certification and product use after certification. A cohort is the fiscal year a person started.</p>
${fyFilter("journey/", ace.fyViews.journey, cohort, href, "Cohort")}
${asOf(ace.agg.journey.as_of)}
${cohort ? charts(ace.charts[`journey/${cohort}`], href) : charts(ace.charts.journey, href)}`;
}

export function copilot(ace: SiteData, href: Href): Raw {
  const c = ace.agg.copilot;
  const notReady = c.days.filter((d) => d.status === "not_ready").map((d) => d.day);
  return html`<h1>Copilot</h1>
<p class="lede">Copilot usage of ${c.org ?? "the organization"}: active and engaged users, suggestions and acceptance, chat and agent use, languages.</p>
${asOf(c.as_of)}
${notReady.length > 0 ? html`<p class="notice">Reports for ${notReady.join(", ")} are not ready yet; these days are marked as not ready, not counted as zero.</p>` : ""}
${charts(
  ace.charts.overview?.filter((x) => x.def.id === "copilot-active"),
  href,
)}
${charts(ace.charts.copilot, href)}`;
}

export function skills(ace: SiteData, href: Href): Raw {
  const s = ace.agg.skills;
  return html`<h1>Skills</h1>
<p class="lede">GitHub Skills course enrollments: per month, fork vs template, most popular courses.</p>
${asOf(s.as_of)}
${charts(ace.charts.skills, href)}
<section aria-labelledby="courses"><h2 id="courses">Courses</h2><div class="table-wrap" tabindex="0" role="region" aria-label="Courses"><table><caption>Skills courses</caption>
<thead><tr><th scope="col">Course</th><th scope="col">Enrollments</th><th scope="col">Forks</th><th scope="col">From template</th><th scope="col">Stars</th></tr></thead>
<tbody>${s.courses.map((c) => html`<tr><th scope="row">${c.title ?? c.course}</th><td class="num">${show(c.enrollments)}</td><td class="num">${show(c.fork)}</td><td class="num">${show(c.template)}</td><td class="num">${show(c.stargazers)}</td></tr>`)}</tbody></table></div></section>`;
}

export function activity(ace: SiteData, href: Href): Raw {
  return html`<h1>Activity &amp; product usage</h1>
<p class="lede">People active in GitHub products per month, and public GitHub activity of certified vs not-certified people.</p>
${asOf(ace.agg.activity.as_of)}
${charts(ace.charts.activity, href)}`;
}
