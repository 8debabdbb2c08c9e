// The site on a phone (390 × 844, Chromium): the smallest rendered chart text on every page — its computed font size
// times the scale the SVG is drawn at (getScreenCTM, so CSS scaling and rotation count) — is at least 11 px, with
// JavaScript off (build-time SVG) and on (live vega view); charts wider than the screen scroll inside a box with a
// visible cue and the page itself never scrolls sideways; the Data page's status table shows every column.
// Built from the committed demo data, so what is measured is what the demo publishes.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { launch } from "../harness/site/browser.ts";
import { runBuild } from "../harness/site/build.ts";
import { type Served, serveSite } from "../harness/site/serve.ts";

const PHONE = { width: 390, height: 844 };
const MIN_PX = 11;

let tmp: string;
let out: string;
let site: Served;
let browser: Browser;
let pages: string[];

function htmlPages(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === "index.html") found.push(relative(out, d) === "" ? "" : `${relative(out, d)}/`);
    }
  };
  walk(dir);
  return found.sort();
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "ace-phone-"));
  out = join(tmp, "out");
  const r = await runBuild(DEFAULT_DATA_DIR, out, { ACE_NOW: "2026-11-24T03:00:00Z" });
  if (r.status !== 0) throw new Error(`build failed:\n${r.output}`);
  pages = htmlPages(out);
  site = await serveSite(out, "/");
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface TextSize {
  readonly px: number;
  readonly text: string;
}

/** Rendered size of every non-empty text of every chart SVG on the page (font size × on-screen scale). */
function chartTextSizes(page: Page): Promise<TextSize[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGTextElement>("figure.chart .chart-canvas svg text")]
      .filter((t) => (t.textContent ?? "").trim() !== "")
      .map((t) => {
        const m = t.getScreenCTM();
        const scale = m ? Math.hypot(m.a, m.b) : 1;
        return {
          px: Number.parseFloat(getComputedStyle(t).fontSize) * scale,
          text: (t.textContent ?? "").slice(0, 30),
        };
      }),
  );
}

function smallest(sizes: readonly TextSize[]): TextSize | undefined {
  return [...sizes].sort((a, b) => a.px - b.px)[0];
}

describe("on a 390 px phone", () => {
  it("every page's smallest chart text is at least 11 px (JavaScript off), and no page scrolls sideways", async () => {
    expect(pages.length).toBeGreaterThan(10);
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await ctx.newPage();
    const report: string[] = [];
    let charts = 0;
    for (const path of pages) {
      await page.goto(site.url + path);
      const sizes = await chartTextSizes(page);
      charts += await page.locator("figure.chart").count();
      const min = smallest(sizes);
      if (min && min.px < MIN_PX) report.push(`${path || "/"}: ${min.px.toFixed(1)} px ("${min.text}")`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > PHONE.width) report.push(`${path || "/"}: page is ${wide} px wide`);
    }
    await ctx.close();
    expect(charts).toBeGreaterThan(20);
    expect(report).toEqual([]);
  }, 180_000);

  it("live charts (JavaScript on) keep text at least 11 px", async () => {
    const ctx = await browser.newContext({ viewport: PHONE });
    const page = await ctx.newPage();
    const report: string[] = [];
    for (const path of ["", "exams/", "skills/"]) {
      await page.goto(site.url + path);
      const figs = page.locator("figure.chart");
      const n = await figs.count();
      for (let i = 0; i < n; i++) {
        const fig = figs.nth(i);
        await fig.scrollIntoViewIfNeeded();
        await expect.poll(() => fig.getAttribute("data-interactive"), { timeout: 20_000 }).toBe("ready");
      }
      const min = smallest(await chartTextSizes(page));
      if (min && min.px < MIN_PX) report.push(`${path || "/"}: ${min.px.toFixed(1)} px ("${min.text}")`);
    }
    await ctx.close();
    expect(report).toEqual([]);
  }, 120_000);

  it("a chart wider than the screen scrolls in its box, with a scroll cue and a hint", async () => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${site.url}exams/`);
    const box = page.locator("figure.chart .chart-canvas").first();
    const m = await box.evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      bg: getComputedStyle(el).backgroundImage,
    }));
    expect(m.scroll).toBeGreaterThan(m.client);
    expect(m.bg).toMatch(/gradient/);
    expect(await page.locator("figure.chart .scroll-hint").first().isVisible()).toBe(true);
    await ctx.close();
  });

  it("the Data page shows every column of the status table within the screen", async () => {
    const ctx = await browser.newContext({ viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto(`${site.url}data/`);
    const outside = await page.evaluate(
      (w) =>
        [...document.querySelectorAll("table.status tbody td, table.status tbody th")].filter((c) => {
          const r = c.getBoundingClientRect();
          return r.width > 0 && (r.right > w + 0.5 || r.left < -0.5);
        }).length,
      PHONE.width,
    );
    expect(outside).toBe(0);
    expect(await page.locator("table.status tbody tr").count()).toBeGreaterThan(5);
    await ctx.close();
  });
});
