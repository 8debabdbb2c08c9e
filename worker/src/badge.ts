/**
 * GET /api/badge/sync.json: the data-sync status as a shields.io endpoint badge
 * (`https://img.shields.io/endpoint?url=<worker>/api/badge/sync.json`). Reads the same status as
 * /api/metrics/sync-status (deployed copy or the published site's, see sync-status.ts) and maps it with the mapping
 * the site's static `badge/sync.json` uses (core/badge.ts). Cached by shields for 5 minutes.
 */
import { syncBadge, syncOverall } from "#core/badge.ts";
import type { WorkerConfig } from "./config.ts";
import type { Fetch } from "./kusto/token.ts";
import { currentSyncStatus } from "./sync-status.ts";

export interface BadgeDeps {
  readonly now: () => number;
  readonly fetch: Fetch;
  readonly cache: Cache;
}

export async function syncBadgeResponse(env: Env, config: WorkerConfig, deps: BadgeDeps): Promise<Response> {
  const report = await currentSyncStatus(env.ASSETS, config, deps);
  const list = Object.values(report.datasets);
  const o = syncOverall(list.map((d) => ({ freshness: d.freshness, status: d.status })));
  const badge = { ...syncBadge(o.overall, o.problems, list.length), cacheSeconds: 300 };
  return new Response(JSON.stringify(badge), {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "public, max-age=300",
      vary: "Origin",
    },
  });
}
