/**
 * Where the site's inputs come from: local files under `--data-dir` (default) or, with SITE_DATA_URL, the raw base URL
 * of another repository's `data/`, fetched through @11ty/eleventy-fetch with a 5-minute cache. The site reads only
 * `aggregated/*.json`, `sync_status.json` and the run record `sync-run.json`: never a dataset CSV.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import EleventyFetch from "@11ty/eleventy-fetch";

export interface DataSource {
  readonly label: string;
  /** Text of `relPath` (e.g. "aggregated/exams.json"); undefined when it does not exist. */
  read(relPath: string): Promise<string | undefined>;
}

const ALLOWED = /^(aggregated\/[a-z0-9_-]+\.json|sync_status\.json|sync-run(\.previous)?\.json)$/;

function check(relPath: string): void {
  if (!ALLOWED.test(relPath))
    throw new Error(`the site may only read aggregated JSON, sync_status.json and sync-run.json, not ${relPath}`);
}

export function localSource(dataDir: string): DataSource {
  return {
    label: dataDir,
    read: async (relPath) => {
      check(relPath);
      try {
        return readFileSync(join(dataDir, relPath), "utf8");
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw err;
      }
    },
  };
}

export function remoteSource(baseUrl: string, cacheDir: string): DataSource {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return {
    label: base,
    read: async (relPath) => {
      check(relPath);
      const url = new URL(relPath, base).toString();
      const body = await EleventyFetch(url, { duration: "5m", type: "text", directory: cacheDir });
      if (typeof body !== "string") throw new Error(`${url}: expected text`);
      return body;
    },
  };
}
