/** Every page of the site as a list of entries (rendered by `pages.11ty.ts` through the base layout). */
import { INLINE_TABLE_ROWS, tablePage, tablePath } from "../_lib/figure.ts";
import type { PageEntry, SiteData } from "../_lib/types.ts";
import { about } from "./about.ts";
import { certificationPage } from "./certification.ts";
import { changesPage } from "./changes.ts";
import { dataPage } from "./data.ts";
import { regionIndex, regionPage, regionRows, regionUrl } from "./region.ts";
import { activity, certifications, copilot, exams, journey, overview, skills } from "./views.ts";

export function pageEntries(ace: SiteData): PageEntry[] {
  const href = ace.href;
  const e = (key: string, url: string, title: string, nav: string, body: { toString(): string }, hasCharts = true) => ({
    key,
    url,
    title,
    nav,
    hasCharts,
    body: body.toString(),
  });
  // long chart tables get a page of their own (linked from the chart's "show as table" toggle)
  const tables = new Map<string, PageEntry>();
  for (const [view, list] of Object.entries(ace.charts)) {
    const page = view === "overview" ? "" : `${view.toLowerCase()}/`;
    for (const c of list) {
      if (c.def.rows.length <= INLINE_TABLE_ROWS || tables.has(c.def.id)) continue;
      const nav = view.split("/")[0] ?? view;
      tables.set(
        c.def.id,
        e(`table/${c.def.id}`, tablePath(c.def.id), `${c.def.title} (table)`, nav, tablePage(c, page, href), false),
      );
    }
  }
  return [
    e("overview", "", "Overview", "overview", overview(ace, href)),
    e("certifications", "certifications/", "Certifications", "certifications", certifications(ace, href)),
    ...ace.fyViews.certifications.map((c) =>
      e(
        `certifications/${c}`,
        `certifications/${c.toLowerCase()}/`,
        `Certification ${c}`,
        "certifications",
        certificationPage(ace, href, c),
      ),
    ),
    e("exams", "exams/", "Exams", "exams", exams(ace, href, null)),
    ...ace.fyViews.exams.map((fy) =>
      e(`exams/${fy}`, `exams/${fy.toLowerCase()}/`, `Exams ${fy}`, "exams", exams(ace, href, fy)),
    ),
    e("journey", "journey/", "Learning journey", "journey", journey(ace, href, null)),
    ...ace.fyViews.journey.map((c) =>
      e(`journey/${c}`, `journey/${c.toLowerCase()}/`, `Learning journey ${c}`, "journey", journey(ace, href, c)),
    ),
    e("copilot", "copilot/", "Copilot", "copilot", copilot(ace, href)),
    e("skills", "skills/", "Skills", "skills", skills(ace, href)),
    e("activity", "activity/", "Activity & product usage", "activity", activity(ace, href)),
    e("regions", "region/", "Regions", "regions", regionIndex(ace, href), false),
    ...regionRows(ace.agg).map((r) =>
      e(
        `region/${r.region}`,
        regionUrl(r.region),
        r.region === "other" ? "Other regions" : `Region ${r.label}`,
        "regions",
        regionPage(ace, href, r.region),
        false,
      ),
    ),
    e("data", "data/", "Data", "data", dataPage(ace, href), false),
    e("changes", "changes/", "Changes", "changes", changesPage(ace.changes, href), false),
    e("about", "about/", "About", "about", about(ace, href), false),
    ...[...tables.values()].sort((a, b) => a.url.localeCompare(b.url)),
  ];
}
