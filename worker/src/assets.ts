/**
 * The committed data as Workers Static Assets (built by `npm run build:worker-index` into worker/generated/assets):
 *   /sync_status.json, /datasets.json (cadence per dataset), /metrics/<name>.json (fallback metrics),
 *   /aggregated/*.json (public aggregates), /_private/exams/<shard>.json (per-person index, never served as is).
 */
import type { PublicExam } from "./exams.ts";
import { loginShard } from "./login.ts";

export const PRIVATE_PREFIX = "/_private/";
const ORIGIN = "https://assets.local";

export async function assetText(assets: Fetcher, path: string): Promise<string | undefined> {
  const res = await assets.fetch(`${ORIGIN}${path}`);
  if (res.status !== 200) {
    await res.body?.cancel();
    return undefined;
  }
  return res.text();
}

export async function assetJson(assets: Fetcher, path: string): Promise<unknown> {
  const text = await assetText(assets, path);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** One person's exams from the index shard, or undefined when the person is not in it. */
export async function indexedExams(assets: Fetcher, login: string): Promise<PublicExam[] | undefined> {
  const shard = await assetJson(assets, `${PRIVATE_PREFIX}exams/${loginShard(login)}.json`);
  if (typeof shard !== "object" || shard === null) return undefined;
  const entry = (shard as Record<string, unknown>)[login.toLowerCase()];
  return Array.isArray(entry) ? (entry as PublicExam[]) : undefined;
}
