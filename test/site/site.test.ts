// Browser tests of the built site: one build of a fixture data dir under the prefix /ace/, served from loopback and
// driven with Chromium from npm (playwright-core). Plus the failure modes of the build (invalid aggregated JSON).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "../harness/site/browser.ts";
import { runBuild } from "../harness/site/build.ts";
import { fixtureStatus, writeFixture } from "../harness/site/fixture.ts";
import { type Served, serveSite } from "../harness/site/serve.ts";

const PREFIX = "/ace/";
const NOW = "2026-11-24T03:00:00Z";
const PAGES = [
  "",
  "certifications/",
  "certifications/gh-100/",
  "exams/",
  "exams/fy26/",
  "journey/",
  "journey/fy25/",
  "copilot/",
  "skills/",
  "activity/",
  "region/",
  "region/amer/",
  "region/other/",
  "data/",
  "changes/",
  "about/",
];

let tmp: string;
let out: string;
let data: string;
let site: Served;
let browser: Browser;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "ace-site-"));
  data = join(tmp, "data");
  out = join(tmp, "out");
  // copilot_daily stale (last success 5 days before now), skills_courses failed: both must appear in the banner
  writeFixture(
    data,
    fixtureStatus("2026-11-24T02:00:00Z", {
      copilot_daily: { last_success_at: "2026-11-19T02:00:00Z" },
      skills_courses: { status: "failed", error: "upstream returned 502" },
    }),
  );
  const r = await runBuild(data, out, { SITE_PATH_PREFIX: PREFIX, ACE_NOW: NOW });
  if (r.status !== 0) throw new Error(`build failed:\n${r.output}`);
  site = await serveSite(out, PREFIX);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Problems {
  errors: string[];
  failed: string[];
  external: string[];
}

function watch(page: Page): Problems {
  const p: Problems = { errors: [], failed: [], external: [] };
  page.on("console", (m) => {
    if (m.type() === "error") p.errors.push(m.text());
  });
  page.on("pageerror", (e) => p.errors.push(e.message));
  page.on("requestfailed", (r) => p.failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => {
    if (r.status() >= 400) p.failed.push(`${r.url()} HTTP ${r.status()}`);
  });
  page.on("request", (r) => {
    if (!r.url().startsWith("http://127.0.0.1:") && !r.url().startsWith("data:")) p.external.push(r.url());
  });
  return p;
}

/** Scrolls every chart into view and waits until each became interactive. */
async function activateCharts(page: Page): Promise<number> {
  const n = await page.locator("figure.chart").count();
  for (let i = 0; i < n; i++) {
    const fig = page.locator("figure.chart").nth(i);
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => fig.getAttribute("data-interactive"), { timeout: 20_000 }).toBe("ready");
  }
  return n;
}

describe("built site (JavaScript on)", () => {
  it("every page loads with no console errors, failed or external requests", async () => {
    const page = await browser.newPage();
    const p = watch(page);
    for (const path of PAGES) {
      const res = await page.goto(site.url + path);
      expect(res?.status(), path).toBe(200);
      await activateCharts(page);
    }
    await page.close();
    expect(p).toEqual({ errors: [], failed: [], external: [] });
  }, 240_000);

  it("loads the vega bundle only when a chart is on screen, never vega-lite", async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    await page.goto(`${site.url}about/`);
    expect(urls.some((u) => u.endsWith("/charts.js") || u.endsWith("/lazy.js"))).toBe(false);
    await page.goto(`${site.url}skills/`);
    await activateCharts(page);
    expect(urls.filter((u) => u.endsWith("/assets/charts.js"))).toHaveLength(1);
    expect(urls.some((u) => /vega-lite/i.test(u))).toBe(false);
    await page.close();
  });

  it("shows a tooltip when hovering a chart mark", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}exams/`);
    const fig = page.locator("#chart-retakes");
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => fig.getAttribute("data-interactive"), { timeout: 20_000 }).toBe("ready");
    await fig.locator(".mark-rect path").first().hover();
    const tip = page.locator("#vg-tooltip-element");
    await expect.poll(() => tip.getAttribute("class"), { timeout: 10_000 }).toContain("visible");
    expect(await tip.textContent()).toMatch(/Retake rate/);
    await page.close();
  });

  it("'show as table' reveals the same numbers as the CSV download", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}exams/`);
    const fig = page.locator("#chart-retakes");
    const table = fig.locator("details table");
    expect(await table.isVisible()).toBe(false);
    await fig.locator("summary").click();
    expect(await table.isVisible()).toBe(true);
    const csv = readFileSync(join(out, "charts", "retakes.csv"), "utf8")
      .trim()
      .split("\n");
    expect(await table.locator("tbody tr").count()).toBe(csv.length - 1);
    const first = (await table.locator("tbody tr").first().locator("td").allTextContents())[0];
    expect(csv[1]?.split(",")[0]).toBe(first);
    await page.close();
  });

  it("has no serious or critical axe violations (light and dark)", async () => {
    const bad: string[] = [];
    const pages = { light: ["", "copilot/", "data/", "about/", "region/other/"], dark: ["", "exams/"] } as const;
    for (const colorScheme of ["light", "dark"] as const) {
      const ctx = await browser.newContext({ colorScheme });
      const page = await ctx.newPage();
      for (const path of pages[colorScheme]) {
        await page.goto(site.url + path);
        // chart canvases are aria-hidden pictures (the figure's role="img" label and the table carry the content)
        const r = await new AxeBuilder({ page }).exclude(".chart-canvas").analyze();
        for (const v of r.violations) {
          if (v.impact === "serious" || v.impact === "critical") {
            bad.push(`${colorScheme} /${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(" ") ?? ""}`);
          }
        }
      }
      await ctx.close();
    }
    expect(bad).toEqual([]);
  }, 240_000);

  it("fits a 360 px wide screen without horizontal scrolling", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    for (const path of ["", "exams/", "data/"]) {
      await page.goto(site.url + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

describe("built site (JavaScript off)", () => {
  it("every chart is present as build-time SVG, with its table", async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    let charts = 0;
    const tableLinks: string[] = [];
    for (const path of PAGES) {
      await page.goto(site.url + path);
      const figs = page.locator("figure.chart");
      const n = await figs.count();
      charts += n;
      expect(await page.locator("figure.chart .chart-canvas > svg").count(), path).toBe(n);
      // short tables are inline; long ones are a link to the table's own page
      const inline = await page.locator("figure.chart details table").count();
      const linked = await page
        .locator("figure.chart details .table-link a")
        .evaluateAll((as) => as.map((a) => (a instanceof HTMLAnchorElement ? a.href : "")));
      expect(inline + linked.length, path).toBe(n);
      tableLinks.push(...linked);
    }
    expect(charts).toBeGreaterThan(20);
    for (const link of new Set(tableLinks)) {
      await page.goto(link);
      const id = /tables\/([^/]+)\//.exec(link)?.[1] ?? "";
      const csv = readFileSync(join(out, "charts", `${id}.csv`), "utf8")
        .trim()
        .split("\n");
      expect(await page.locator("main table tbody tr").count(), link).toBe(csv.length - 1);
    }
    expect(scripts.filter((s) => s.endsWith("charts.js"))).toEqual([]);
    await ctx.close();
  });

  it("banner on every page names the stale and failed datasets with their last good sync", async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    for (const path of PAGES) {
      await page.goto(site.url + path);
      const banner = page.locator("#freshness-banner");
      expect(await banner.count(), path).toBe(1);
      const text = (await banner.textContent()) ?? "";
      expect(text).toContain("copilot_daily: stale; last good sync 2026-11-19 02:00:00 UTC");
      expect(text).toContain("skills_courses: last sync failed");
    }
    await ctx.close();
  });

  it("marks suppressed and not-ready values as such, never as zero", async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    // copilot-active has more rows than are inlined: its table lives on its own page
    await page.goto(`${site.url}copilot/`);
    expect(await page.locator("#chart-copilot-active .chart-canvas > svg").count()).toBe(1);
    await page.goto(`${site.url}tables/copilot-active/`);
    const cells = await page.locator("main td.missing").allTextContents();
    expect(cells).toContain("not ready");
    const csv = readFileSync(join(out, "charts", "copilot-active.csv"), "utf8");
    expect(csv).toMatch(/,daily active,,not ready/);
    expect(csv).not.toMatch(/,daily active,0,not ready/);
    await ctx.close();
  });
});

describe("build failures", () => {
  it("fails on an aggregated file that does not match its schema, naming it", async () => {
    const bad = join(tmp, "bad");
    writeFixture(bad);
    const file = join(bad, "aggregated", "exams.json");
    const json = JSON.parse(readFileSync(file, "utf8")) as { by_exam_year: { pass_rate: unknown }[] };
    if (json.by_exam_year[0]) json.by_exam_year[0].pass_rate = { value: 0.5, suppressed: true };
    writeFileSync(file, JSON.stringify(json));
    const r = await runBuild(bad, join(tmp, "bad-out"));
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/aggregated\/exams\.json: does not match its schema/);
  }, 120_000);

  it("builds from SITE_DATA_URL through eleventy-fetch, with the same validation", async () => {
    const remote = await serveSite(data, "/raw/data/");
    try {
      const dir = join(tmp, "remote-out");
      const r = await runBuild(join(tmp, "no-such-dir"), dir, { SITE_DATA_URL: remote.url, ACE_NOW: NOW });
      expect(r.status, r.output).toBe(0);
      const index = readFileSync(join(dir, "index.html"), "utf8");
      expect(index).toContain(`from ${remote.url}`);
      expect(index).toContain("copilot_daily</a>: stale");
    } finally {
      await remote.close();
    }
  }, 120_000);
});
