/**
 * Bench items that run the sync's own benches as children against the simulators: Kusto export beside the transport
 * and buffered-client anchors on the same responses, and GitHub re-sync request counts beside refetching everything.
 */
import { benchJson } from "./external.ts";
import { type BenchContext, type BenchItem, compared, figure, round } from "./lib.ts";

interface KustoBench {
  scale: string;
  exit_code: number | null;
  queries: number;
  upstream_rows: number;
  rows: number;
  seconds: number;
  rows_per_s: number;
  mb_per_s: number;
  peak_rss_mb: number;
  live_heap_mb: number;
  anchor_curl_mb_per_s: number;
  anchor_fetch_parse_mb_per_s: number;
  pct_of_buffered_limit: number | null;
}

/**
 * The Kusto sync's own bench (actions/sync-kusto/bench.ts) as a child: the simulator serves the world with its
 * upstream tables materialized once, the real sync CLI exports `individual_exams` (4 upstream tables → 1 dataset),
 * then a sample of the same queries is replayed with curl (transport) and fetch + JSON.parse (buffered client).
 */
export async function kustoItem(ctx: BenchContext): Promise<BenchItem> {
  const t0 = performance.now();
  const b = await benchJson<KustoBench>(
    "actions/sync-kusto/bench.ts",
    ["--scale", ctx.scale, "--datasets", "individual_exams", "--json"],
    "kusto",
  );
  if (b.exit_code !== 0) throw new Error(`the sync exited ${b.exit_code} inside the Kusto bench`);
  return compared(
    {
      id: "kusto",
      title: "Kusto export vs transport",
      scale: `${b.scale} (${b.rows.toLocaleString("en-US")} exam rows, ${b.queries} queries)`,
      measure: figure("sync individual_exams end to end (client → normalize → CSV)", "MB/s", [b.mb_per_s]),
      anchor: figure("transport: curl of the same responses to /dev/null", "MB/s", [b.anchor_curl_mb_per_s]),
      target: "≥ 40% of the buffered-client limit (fetch + JSON.parse); peak RSS < 512 MB",
      extra: {
        buffered_client_mb_per_s: b.anchor_fetch_parse_mb_per_s,
        pct_of_buffered_limit: b.pct_of_buffered_limit ?? "n/a",
        rows_per_s: b.rows_per_s,
        upstream_rows: b.upstream_rows,
        sync_s: b.seconds,
        peak_rss_mb: b.peak_rss_mb,
        live_heap_mb: b.live_heap_mb,
      },
    },
    t0,
  );
}

interface GitHubBench {
  scale: string;
  trackedLogins: number;
  resyncTotal: { ok200: number; notModified304: number; other: number };
  resyncCharged: number;
  refetchEverythingTotal: number;
  seconds: { priming: number; resync: number };
}

/**
 * The GitHub sync's request bench (actions/sync-github/bench.ts) as a child: the world's committed-style data primed
 * once, then an unchanged re-sync counted per endpoint in the simulator's log, beside refetch-everything. Request
 * counts are exact whatever the machine's load, so this item may run beside another count-only item.
 */
export async function githubItem(ctx: BenchContext): Promise<BenchItem> {
  const t0 = performance.now();
  const b = await benchJson<GitHubBench>("actions/sync-github/bench.ts", ["--scale", ctx.scale, "--json"], "github", {
    ACE_GITHUB_TIMING: "fast",
  });
  ctx.log(`  github: re-sync ${b.resyncCharged} charged requests (${b.resyncTotal.notModified304} × 304)`);
  return compared(
    {
      id: "github",
      title: "GitHub re-sync requests vs refetch-everything",
      scale: `${b.scale} (${b.trackedLogins.toLocaleString("en-US")} tracked logins)`,
      measure: figure("unchanged re-sync: requests charged (not 304)", "requests", [b.resyncCharged]),
      anchor: figure("refetch everything (a sync from nothing)", "requests", [b.refetchEverythingTotal]),
      extra: {
        resync_200: b.resyncTotal.ok200,
        resync_304: b.resyncTotal.notModified304,
        resync_other: b.resyncTotal.other,
        priming_s: round(b.seconds.priming, 1),
        resync_s: round(b.seconds.resync, 1),
      },
    },
    t0,
    4,
  );
}
