/**
 * Build options of the site. `npm run build` (scripts/build-site.ts) sets them explicitly; a bare `npx eleventy
 * --config site/eleventy.config.js` falls back to the environment (SITE_DATA_URL, SITE_WORKER_URL, SITE_PATH_PREFIX,
 * ACE_NOW) and the repository's data/.
 */
import { join } from "node:path";
import { now } from "#core/clock.ts";
import { DEFAULT_DATA_DIR, REPO_ROOT } from "#core/schema.ts";
import { normalizePrefix } from "../_lib/paths.ts";
import type { SiteOptions } from "../_load/site.ts";

let current: SiteOptions | undefined;

export function optionsFromEnv(env: NodeJS.ProcessEnv, dataDir = DEFAULT_DATA_DIR): SiteOptions {
  const empty = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  return {
    dataDir,
    dataUrl: empty(env.SITE_DATA_URL),
    workerUrl: empty(env.SITE_WORKER_URL)?.replace(/\/+$/, ""),
    prefix: normalizePrefix(empty(env.SITE_PATH_PREFIX)),
    now: now(env),
    cacheDir: join(REPO_ROOT, ".cache", "eleventy-fetch"),
  };
}

export function setBuildOptions(o: SiteOptions): void {
  current = o;
}

export function buildOptions(): SiteOptions {
  return current ?? optionsFromEnv(process.env);
}
