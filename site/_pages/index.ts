/** Every page of the site as a list of entries (rendered by `pages.11ty.ts` through the base layout). */
import { hrefWith } from "../_lib/paths.ts";
import type { PageEntry, SiteData } from "../_lib/types.ts";
import { about } from "./about.ts";
import { dataPage } from "./data.ts";
import { activity, certifications, copilot, exams, journey, overview, skills } from "./views.ts";

export function pageEntries(ace: SiteData): PageEntry[] {
  const href = (p: string) => hrefWith(ace.prefix, p);
  const e = (key: string, url: string, title: string, nav: string, body: { toString(): string }, hasCharts = true) => ({
    key,
    url,
    title,
    nav,
    hasCharts,
    body: body.toString(),
  });
  return [
    e("overview", "", "Overview", "overview", overview(ace, href)),
    e("certifications", "certifications/", "Certifications", "certifications", certifications(ace, href)),
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
    e("data", "data/", "Data", "data", dataPage(ace, href), false),
    e("about", "about/", "About", "about", about(ace, href), false),
  ];
}
