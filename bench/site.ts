/// <reference lib="dom" />
/**
 * Site budget bench (`node bench/site.ts [--data-dir DIR] [--runs N] [--lighthouse-runs N]`, in `npm run bench`):
 * - build time of the full site (median/min/max of N builds, each a fresh `scripts/build-site.ts` process)
 * - bytes of JS+CSS the browser fetched before the first chart is visible on the overview page (Chromium from npm,
 *   site served from loopback, desktop 1350×940 and mobile 360×740), raw and gzip, against the 50 KB budget
 * - Lighthouse performance score of the overview page (median of N runs; target ≥ 98), see lighthouse.ts.
 * Without --data-dir it builds a generated fixture data dir. Prints one JSON object.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DATA_DIR_OPTION, dataDir, parseCli } from "#core/args.ts";
import { launch } from "../test/harness/site/browser.ts";
import { runBuild } from "../test/harness/site/build.ts";
import { writeFixture } from "../test/harness/site/fixture.ts";
import { serveSite } from "../test/harness/site/serve.ts";
import { LIGHTHOUSE_TARGET, lighthouse } from "./lighthouse.ts";

export const BUDGET_BYTES = 50 * 1024;

export interface FirstChartBytes {
  readonly viewport: string;
  readonly chartInFirstViewport: boolean;
  readonly files: readonly { path: string; bytes: number; gzip: number }[];
  readonly bytes: number;
  readonly gzip: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
}

/** JS+CSS requested before the first chart is visible (at first paint if it is above the fold, else before scrolling). */
export async function firstChartBytes(outDir: string, prefix = "/ace/"): Promise<FirstChartBytes[]> {
  const site = await serveSite(outDir, prefix);
  const browser = await launch();
  try {
    const results: FirstChartBytes[] = [];
    for (const [w, h] of [
      [1350, 940],
      [360, 740],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await page.goto(site.url, { waitUntil: "load" });
      const m = await page.evaluate(() => {
        const fig = document.querySelector("figure.chart");
        const inView = fig ? fig.getBoundingClientRect().top < window.innerHeight : false;
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
        const nav = performance.getEntriesByType("navigation")[0];
        const dcl = nav instanceof PerformanceNavigationTiming ? nav.domContentLoadedEventEnd : 0;
        // above the fold the inline SVG is visible at first paint (DOMContentLoaded when paint timing is unavailable)
        const limit = inView ? fcp || dcl : performance.now();
        const res = performance
          .getEntriesByType("resource")
          .filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming)
          .filter((e) => e.startTime <= limit && /\.(js|css)(\?|$)/.test(e.name))
          .map((e) => new URL(e.name).pathname);
        return { inView, res };
      });
      const files = m.res.map((p) => {
        const body = readFileSync(join(outDir, p.slice(prefix.length)));
        return { path: p, bytes: body.length, gzip: gzipSync(body).length };
      });
      results.push({
        viewport: `${w}x${h}`,
        chartInFirstViewport: m.inView,
        files,
        bytes: files.reduce((s, f) => s + f.bytes, 0),
        gzip: files.reduce((s, f) => s + f.gzip, 0),
      });
      await page.close();
    }
    return results;
  } finally {
    await browser.close();
    await site.close();
  }
}

export async function benchSite(dataDir: string | undefined, runs: number, lighthouseRuns = 3): Promise<object> {
  const tmp = mkdtempSync(join(tmpdir(), "ace-site-bench-"));
  try {
    const data = dataDir ?? writeFixture(join(tmp, "data"));
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await runBuild(data, join(tmp, "out"), { SITE_PATH_PREFIX: "/ace/" });
      if (r.status !== 0) throw new Error(`build failed:\n${r.output}`);
      const m = /in ([\d.]+) s \(cpu ([\d.]+) s\)/.exec(r.output);
      times.push(m?.[1] ? Number(m[1]) * 1000 : r.ms);
      if (m?.[2]) cpu.push(Number(m[2]) * 1000);
    }
    const first = await firstChartBytes(join(tmp, "out"));
    const lh = lighthouseRuns > 0 ? await lighthouse(join(tmp, "out"), lighthouseRuns) : [];
    const scores = lh.map((r) => r.score);
    return {
      data: dataDir ?? "fixture",
      build_ms: {
        median: Math.round(median(times)),
        min: Math.round(Math.min(...times)),
        max: Math.round(Math.max(...times)),
        runs,
        times: times.map((t) => Math.round(t)),
      },
      build_cpu_ms: {
        median: Math.round(median(cpu)),
        min: Math.round(Math.min(...cpu)),
        max: Math.round(Math.max(...cpu)),
      },
      build_budget_ms: 3000,
      first_chart_js_css: first,
      first_chart_budget_bytes: BUDGET_BYTES,
      within_budget: first.every((f) => f.bytes <= BUDGET_BYTES),
      lighthouse:
        lh.length === 0
          ? null
          : {
              page: "overview (mobile, simulated slow 4G, 4× CPU slowdown)",
              score_median: median(scores),
              score_min: Math.min(...scores),
              score_max: Math.max(...scores),
              runs: lh,
              target: LIGHTHOUSE_TARGET,
            },
      charts_bundle_gzip: gzipSync(readFileSync(join(tmp, "out", "assets", "charts.js"))).length,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseCli(process.argv.slice(2), {
    usage: `usage: node bench/site.ts [--data-dir DIR] [--runs N] [--lighthouse-runs N]
  --data-dir DIR         the data the site is built from (default: the bench's own)
  --runs N               timed builds (default: 3)
  --lighthouse-runs N    Lighthouse runs per page (default: 3)
  -h, --help             print this help and exit
`,
    options: {
      ...DATA_DIR_OPTION,
      runs: { type: "string", default: "3" },
      "lighthouse-runs": { type: "string", default: "3" },
    },
  });
  const dir = values["data-dir"] === undefined ? undefined : dataDir(values);
  console.log(JSON.stringify(await benchSite(dir, Number(values.runs), Number(values["lighthouse-runs"])), null, 2));
}
