/** The About page: sources, cadence, privacy rules, how to read suppressed cells. */
import { html, type Raw } from "../_lib/html.ts";
import { NOT_READY_COLOR_NAME, SUPPRESSED_COLOR_NAME } from "../_lib/theme.ts";
import type { SiteData } from "../_lib/types.ts";
import type { Href } from "./common.ts";

export function about(ace: SiteData, href: Href): Raw {
  const nightly = ace.schemas.filter((s) => s.cadence === "nightly").map((s) => s.name);
  const weekly = ace.schemas.filter((s) => s.cadence === "weekly").map((s) => s.name);
  return html`<h1>About this site</h1>
<section aria-labelledby="src"><h2 id="src">Sources</h2>
<ul><li><strong>Kusto</strong>: exam eligibility, scheduling and results — FY22–FY25 from the legacy cluster (gh-analytics/ace), FY26 on from Pearson (cse-analytics/ACE); learning activity and product usage.</li>
<li><strong>GitHub API</strong>: Copilot usage-metrics reports of the organization, public activity of people who linked a GitHub login, GitHub Skills course repositories and their forks.</li></ul>
<p>The full list of datasets, fields and sources is on the <a href="${href("data/")}">Data page</a>.</p></section>
<section aria-labelledby="cad"><h2 id="cad">Cadence</h2>
<p>Nightly: ${nightly.join(", ")}. Weekly: ${weekly.join(", ")}. A scheduled workflow syncs the data, opens a pull request with a readable diff, re-computes the aggregates and rebuilds this site. A banner on every page names any dataset that is stale (not checked by a sync within twice its cadence; a sync that finds the data unchanged counts as a check), partial, refused or failed, with its last good sync.</p></section>
<section aria-labelledby="priv"><h2 id="priv">Privacy rules</h2>
<ul><li>The site is built only from aggregated files; no per-person data reaches it, and the build fails if it finds a person-level column or pseudonym in its output.</li>
<li>Any cell counting fewer than 5 people is <strong>suppressed</strong>, and so is every rate, median or change computed from such a cell.</li>
<li>Small counts cannot be recovered by subtraction either: totals minus visible cells, consecutive points of cumulative series and period-over-period changes are suppressed when they would reveal 1–4 people.</li></ul></section>
<section aria-labelledby="read"><h2 id="read">Reading suppressed and missing values</h2>
<dl class="facts"><dt>suppressed</dt><dd>The value exists but counts (or is derived from) fewer than 5 people. Bar charts draw a short ${SUPPRESSED_COLOR_NAME} dashed outline on the baseline where the bar would be, line charts a short ${SUPPRESSED_COLOR_NAME} dashed tick standing on the baseline (the daily Copilot charts: a short tick along the top); all are listed in the legend as "suppressed". Tables say "suppressed". It is never zero. A chart whose every value is suppressed says so instead of drawing an empty plot.</dd>
<dt>not ready</dt><dd>A Copilot report day the API has not published yet; it is retried on the next sync. Drawn like a suppressed value but ${NOT_READY_COLOR_NAME}, listed in the legend as "not ready"; never zero.</dd>
<dt>(partial)</dt><dd>A fiscal year, quarter, month or week that is not over yet: its bar is drawn lighter and its label ends in "(partial)". Headline changes never compare a partial period with a complete one.</dd>
<dt>n/a</dt><dd>Not defined, e.g. a rate over zero exams.</dd></dl></section>
<section aria-labelledby="tech"><h2 id="tech">How this site is built</h2>
<p>Static pages built with Eleventy. Every chart is rendered to SVG at build time, so it shows without JavaScript; interactive tooltips load only when a chart scrolls into view. Each chart has a table view and downloads of exactly the plotted data. The site makes no requests to other sites${
    ace.workerUrl ? ", except the Data page asking the configured worker for live status" : ""
  }.</p></section>`;
}
