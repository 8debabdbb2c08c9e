/**
 * Lighthouse performance score of the built overview page, served from loopback with GitHub Pages' headers (gzip,
 * cache lifetime), run with the pinned `lighthouse` devDependency and the Chromium of `@sparticuz/chromium` (or
 * `CHROMIUM_PATH`; never a downloaded browser), with the same offline flags as every other launch.
 * Lighthouse's defaults apply: mobile emulation, simulated slow-4G throttling and a 4× CPU slowdown. The score is
 * noisy on a shared machine (it scales observed CPU time), so the bench reports the median of several runs.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "#core/schema.ts";
import { CHROMIUM_FLAGS, chromiumPath } from "../test/harness/site/browser.ts";
import { serveSite } from "../test/harness/site/serve.ts";

export const LIGHTHOUSE_TARGET = 98;
const METRICS = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "total-blocking-time",
  "cumulative-layout-shift",
  "speed-index",
] as const;

export interface LighthouseRun {
  /** 0–100 */
  readonly score: number;
  /** numeric values of the scored metrics (ms; CLS unitless) */
  readonly metrics: Readonly<Record<(typeof METRICS)[number], number>>;
  readonly domElements: number;
}

interface Report {
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number }>;
}

function runLighthouse(chrome: string, url: string, outFile: string, timeoutMs: number): Promise<void> {
  const bin = join(REPO_ROOT, "node_modules", ".bin", "lighthouse");
  const args = [
    url,
    `--chrome-path=${chrome}`,
    `--chrome-flags=--headless=new ${CHROMIUM_FLAGS.join(" ")}`,
    "--only-categories=performance",
    "--output=json",
    `--output-path=${outFile}`,
    "--quiet",
  ];
  return new Promise((resolve, reject) => {
    // async spawn: the site is served by this very process, so its event loop must stay free
    const p = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CHROME_PATH: chrome } });
    let err = "";
    p.stderr.on("data", (c: Buffer) => {
      err = (err + c.toString()).slice(-2000);
    });
    const timer = setTimeout(() => p.kill("SIGKILL"), timeoutMs);
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`lighthouse exited ${code}: ${err.trim().split("\n").slice(-3).join(" ")}`));
    });
  });
}

/** Runs Lighthouse `runs` times on the overview page of a built site (served under `prefix`). */
export async function lighthouse(outDir: string, runs: number, prefix = "/ace/"): Promise<LighthouseRun[]> {
  const chrome = await chromiumPath();
  const site = await serveSite(outDir, prefix);
  const tmp = mkdtempSync(join(tmpdir(), "ace-lighthouse-"));
  try {
    const results: LighthouseRun[] = [];
    for (let i = 0; i < runs; i++) {
      const file = join(tmp, `run-${i}.json`);
      await runLighthouse(chrome, site.url, file, 120_000);
      const report = JSON.parse(readFileSync(file, "utf8")) as Report;
      const score = report.categories.performance.score;
      if (score === null) throw new Error("lighthouse reported no performance score (the page failed to load?)");
      const metrics = Object.fromEntries(
        METRICS.map((m) => [m, Math.round((report.audits[m]?.numericValue ?? Number.NaN) * 1000) / 1000]),
      ) as Record<(typeof METRICS)[number], number>;
      results.push({
        score: Math.round(score * 100),
        metrics,
        domElements: report.audits["dom-size"]?.numericValue ?? 0,
      });
    }
    return results;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await site.close();
  }
}
