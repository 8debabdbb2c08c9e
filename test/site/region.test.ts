// The region pages built from the committed aggregates: one page per published region with every figure of
// regions.json as the page shows it (expected texts computed from the aggregate, no hard-coded numbers), no count
// of 1–4 people on any of them, readable with JavaScript disabled, and no serious or critical axe violations.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import type { Agg } from "../../site/_lib/agg.ts";
import { show } from "../../site/_lib/cells.ts";
import { regionRows } from "../../site/_pages/region.ts";
import { loadAgg } from "../harness/site/agg.ts";
import { launch } from "../harness/site/browser.ts";
import { runBuild } from "../harness/site/build.ts";
import { type Served, serveSite } from "../harness/site/serve.ts";

const DATA = join(REPO_ROOT, "data");
let tmp: string;
let out: string;
let agg: Agg;
let site: Served;
let browser: Browser;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "ace-region-"));
  out = join(tmp, "out");
  agg = await loadAgg(DATA);
  const r = await runBuild(DATA, out, { ACE_NOW: agg.kpis.as_of });
  if (r.status !== 0) throw new Error(`build failed:\n${r.output}`);
  site = await serveSite(out);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const page = (path: string) => readFileSync(join(out, path, "index.html"), "utf8");
const main = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));
const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, " ")
    .replace(/&#38;|&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
/** The cells of each table row of a page, as text: [header, …cells]. */
function rows(html: string): string[][] {
  return [...main(html).matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) =>
    [...(m[1] ?? "").matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => decode(c[1] ?? "")),
  );
}
const facts = (html: string) =>
  [...main(html).matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/gs)].map((m) => [decode(m[1] ?? ""), decode(m[2] ?? "")]);

describe("region pages", () => {
  it("exist for every published region, linked from the Regions page and the navigation", () => {
    const slugs = regionRows(agg).map((r) => r.region);
    expect(slugs.length).toBeGreaterThan(1);
    const index = page("region");
    for (const slug of slugs) {
      expect(existsSync(join(out, "region", slug, "index.html")), slug).toBe(true);
      expect(index).toContain(`href="/region/${slug}/"`);
    }
    expect(page("")).toContain('<a href="/region/">Regions</a>');
    const other = agg.regions.regions.find((r) => r.region === "other");
    if (other) {
      const note = decode(main(index));
      expect(note).toContain("“Other regions” counts");
      const small = other.merged_for_small_cells.map((m) => (m === "UNKNOWN" ? "people whose region is unknown" : m));
      expect(note).toContain(`${small.join(" and ")} ${small.length === 1 ? "has" : "have"} too few people`);
    }
  });

  it("show every figure of regions.json for the region, beside all regions", () => {
    const all = agg.regions.regions.find((r) => r.region === "all");
    if (all === undefined) throw new Error("no 'all' row");
    const indexRows = rows(page("region"));
    for (const r of agg.regions.regions)
      expect(indexRows).toContainEqual([
        r.label,
        show(r.people),
        show(r.people_examined),
        show(r.certified_people),
        show(r.certified_share, "pct"),
      ]);
    for (const r of regionRows(agg)) {
      const html = page(`region/${r.region}`);
      expect(facts(html)).toEqual([
        ["People", show(r.people)],
        ["People who completed an exam", show(r.people_examined)],
        ["Certified people", show(r.certified_people)],
        ["Share certified", show(r.certified_share, "pct")],
        ["Share certified, all regions", show(all.certified_share, "pct")],
      ]);
      const table = rows(html);
      for (const c of agg.regions.certifications.filter((x) => x.region === r.region)) {
        const overall = agg.regions.certifications.find(
          (x) => x.region === "all" && x.certification === c.certification,
        );
        expect(table).toContainEqual([c.certification, show(c.people), overall ? show(overall.people) : "n/a"]);
      }
      for (const y of agg.regions.by_fiscal_year.filter((x) => x.region === r.region)) {
        const overall = agg.regions.by_fiscal_year.find((x) => x.region === "all" && x.fiscal_year === y.fiscal_year);
        const row = table.find((t) => t[0]?.startsWith(y.fiscal_year));
        expect(row?.slice(1)).toEqual([
          show(y.completed),
          show(y.passed),
          show(y.pass_rate, "pct"),
          overall ? show(overall.pass_rate, "pct") : "n/a",
        ]);
      }
    }
  });

  it("publish no count of 1–4 people and need no script", () => {
    for (const path of ["region", ...regionRows(agg).map((r) => `region/${r.region}`)]) {
      const html = page(path);
      const numbers = rows(html)
        .flatMap((r) => r.slice(1))
        .concat(facts(html).map(([, v]) => v ?? ""));
      expect(
        numbers.filter((t) => /^[1-4]$/.test(t)),
        path,
      ).toEqual([]);
      expect(html, path).not.toMatch(/<script/i);
    }
  });

  it("read the same with JavaScript disabled, and have no serious or critical axe violations", async () => {
    const first = regionRows(agg)[0]?.region ?? "";
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(`${site.url}region/${first}/`);
    const cells = await p.locator("main table tbody tr").count();
    expect(cells).toBe(
      agg.regions.certifications.filter((x) => x.region === first).length +
        agg.regions.by_fiscal_year.filter((x) => x.region === first).length,
    );
    await noJs.close();
    const bad: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      const ctx = await browser.newContext({ colorScheme });
      const pg = await ctx.newPage();
      for (const path of ["region/", `region/${first}/`, ...(first === "other" ? [] : ["region/other/"])]) {
        if (!existsSync(join(out, path, "index.html"))) continue;
        await pg.goto(site.url + path);
        const r = await new AxeBuilder({ page: pg }).analyze();
        for (const v of r.violations)
          if (v.impact === "serious" || v.impact === "critical")
            bad.push(`${colorScheme} /${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(" ") ?? ""}`);
      }
      await ctx.close();
    }
    expect(bad).toEqual([]);
  }, 120_000);
});
