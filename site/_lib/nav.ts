/** The site's top-level pages, in navigation order. */
export const NAV = [
  { nav: "overview", url: "", title: "Overview" },
  { nav: "certifications", url: "certifications/", title: "Certifications" },
  { nav: "exams", url: "exams/", title: "Exams" },
  { nav: "journey", url: "journey/", title: "Learning journey" },
  { nav: "copilot", url: "copilot/", title: "Copilot" },
  { nav: "skills", url: "skills/", title: "Skills" },
  { nav: "activity", url: "activity/", title: "Activity & product usage" },
  { nav: "regions", url: "region/", title: "Regions" },
  { nav: "data", url: "data/", title: "Data" },
  { nav: "changes", url: "changes/", title: "Changes" },
  { nav: "about", url: "about/", title: "About" },
] as const;

export type NavKey = (typeof NAV)[number]["nav"];

/** Links to the worker's signed-in pages: "My certifications" (its `/me`), only when SITE_WORKER_URL is configured. */
export function workerNav(workerUrl: string | null | undefined): readonly { url: string; title: string }[] {
  return workerUrl ? [{ url: `${workerUrl.replace(/\/+$/, "")}/me`, title: "My certifications" }] : [];
}
