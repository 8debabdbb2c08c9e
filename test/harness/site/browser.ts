/**
 * Chromium through playwright-core, from the `@sparticuz/chromium` devDependency (see chromium.ts; `CHROMIUM_PATH`
 * overrides it). Never a downloaded browser, and never the network: every flag below keeps the browser off it.
 *
 * The package's recommended `chromium.args` are for AWS Lambda and are deliberately not used: `--single-process`
 * (one process for browser and renderers: needless here, with `--no-sandbox` the usual multi-process model works and
 * keeps Lighthouse's main-thread timings realistic), `--disable-web-security` and `--allow-running-insecure-content`
 * (the browser should enforce what a reader's browser enforces), the swiftshader/WebGL flags (nothing here draws
 * WebGL; `--disable-gpu`).
 */
import { type Browser, chromium } from "playwright-core";
import { chromiumPath } from "./chromium.ts";

export { chromiumPath } from "./chromium.ts";

/** Flags of every launch (also passed to Lighthouse's chrome-launcher). */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-domain-reliability",
  "--disable-sync",
  "--no-first-run",
  "--no-default-browser-check",
  "--no-pings",
];

/** Bound on a launch: a browser that cannot start fails with a clear error instead of hanging. */
export const LAUNCH_TIMEOUT_MS = 30_000;

export async function launch(): Promise<Browser> {
  const executablePath = await chromiumPath();
  try {
    return await chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS], timeout: LAUNCH_TIMEOUT_MS });
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split("\n").slice(0, 6).join("\n");
    throw new Error(
      `could not launch Chromium at ${executablePath} (from ${process.env.CHROMIUM_PATH ? "CHROMIUM_PATH" : "@sparticuz/chromium"}): ${why}`,
    );
  }
}
