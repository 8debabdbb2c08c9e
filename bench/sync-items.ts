/**
 * Bench items that run the sync's own benches as children: the Kusto client path beside fetch + JSON.parse on replayed
 * responses and an unchanged incremental night beside the full export, and GitHub re-sync request counts beside
 * refetching everything.
 */
import { benchJson } from "./external.ts";
import { type BenchContext, type BenchItem, compared, figure, round } from "./lib.ts";

interface KustoReplayBench {
  scale: string;
  people: number;
  exit_codes: (number | null)[];
  misses: number;
  full: {
    requests: number;
    wire_bytes: number;
    json_bytes: number;
    sync_s: number;
    wall_s: number;
    peak_rss_mb: number;
    /** user + system CPU seconds of the sync process (all its threads) */
    cpu_s?: number;
    /** seconds per dataset (sync-run.json) */
    dataset_s?: Readonly<Record<string, number>>;
  };
  unchanged_night: {
    requests: number;
    wire_bytes: number;
    sync_s: number;
    wall_s: number;
    peak_rss_mb: number;
    statuses: string;
    modes: string;
  };
  night_bytes_pct_of_full: number;
  night_time_pct_of_full: number;
  night_wall_pct_of_full: number;
  client_mb_per_s: number;
  anchor_fetch_parse_mb_per_s: number;
  anchor_s: number;
  anchor_cpu_s?: number;
  pct_of_fetch_parse: number;
  pct_of_fetch_parse_cpu?: number;
  floor_s?: number;
  floor_cpu_s?: number;
  floor_pct_of_fetch_parse?: number;
  floor_pct_of_fetch_parse_cpu?: number;
  load_average?: readonly number[];
}

// one run of bench/kusto-replay/index.ts serves both Kusto items (the client anchor and the unchanged night)
let replayRun: Promise<KustoReplayBench> | undefined;
function kustoReplay(ctx: BenchContext): Promise<KustoReplayBench> {
  replayRun ??= benchJson<KustoReplayBench>(
    "bench/kusto-replay/index.ts",
    ["--scale", ctx.scale, "--json"],
    "kusto-replay",
  ).then((b) => {
    if (b.exit_codes.some((c) => c !== 0) || b.misses > 0)
      throw new Error(`the Kusto replay bench: exit codes ${b.exit_codes.join("/")}, ${b.misses} unrecorded requests`);
    return b;
  });
  return replayRun;
}

const scaleOf = (b: KustoReplayBench) => `${b.scale} (${b.people.toLocaleString("en-US")} people, five Kusto datasets)`;

/**
 * The Kusto sync's client path on replayed responses (bench/kusto-replay/index.ts): the responses of a full
 * export recorded once from the simulator (bench/cache/<scale>/kusto-replay), served again as fast as the socket
 * allows; the sync CLI's full export (azure-kusto-data → frames → normalize → CSV) beside `fetch` + `JSON.parse` of
 * the very same requests from the same server, each in a process of its own.
 */
export async function kustoItem(ctx: BenchContext): Promise<BenchItem> {
  const t0 = performance.now();
  const b = await kustoReplay(ctx);
  return compared(
    {
      id: "kusto",
      title: "Kusto client path vs fetch + JSON.parse (replayed responses)",
      scale: scaleOf(b),
      measure: figure("sync full export, MB of response JSON per second of the run", "MB/s", [b.client_mb_per_s]),
      anchor: figure("fetch + JSON.parse of the same responses, same server", "MB/s", [b.anchor_fetch_parse_mb_per_s]),
      target: "≥ 0.40 of fetch + JSON.parse; peak RSS < 512 MB",
      extra: {
        requests: b.full.requests,
        json_mb: round(b.full.json_bytes / 1e6, 1),
        wire_mb: round(b.full.wire_bytes / 1e6, 1),
        sync_s: b.full.sync_s,
        anchor_s: b.anchor_s,
        // by CPU time (user + system, every thread): what the wall ratio means on a loaded machine
        sync_cpu_s: b.full.cpu_s ?? "not reported",
        anchor_cpu_s: b.anchor_cpu_s ?? "not reported",
        ratio_by_cpu:
          b.pct_of_fetch_parse_cpu === undefined ? "not reported" : round(b.pct_of_fetch_parse_cpu / 100, 2),
        // the floor (bench/kusto-replay/floor.ts): fetch + JSON.parse + only a pseudonymized CSV line per row, sorted in
        // chunks and written, on the same responses — the least any single-threaded sync does; the sync does more
        floor_s: b.floor_s ?? "not reported",
        floor_cpu_s: b.floor_cpu_s ?? "not reported",
        floor_ratio:
          b.floor_pct_of_fetch_parse === undefined ? "not reported" : round(b.floor_pct_of_fetch_parse / 100, 2),
        floor_ratio_by_cpu:
          b.floor_pct_of_fetch_parse_cpu === undefined
            ? "not reported"
            : round(b.floor_pct_of_fetch_parse_cpu / 100, 2),
        sync_share_of_floor_speed: b.floor_s === undefined ? "not reported" : round(b.floor_s / b.full.sync_s, 2),
        load_average_at_end: b.load_average?.join(" ") ?? "not reported",
        peak_rss_mb: b.full.peak_rss_mb,
        ...Object.fromEntries(Object.entries(b.full.dataset_s ?? {}).map(([d, secs]) => [`${d}_s`, secs])),
      },
    },
    t0,
  );
}

/** An unchanged incremental night beside the full export, both on the replayed responses (bytes and time). */
export async function kustoNightItem(ctx: BenchContext): Promise<BenchItem> {
  const t0 = performance.now();
  const b = await kustoReplay(ctx);
  return compared(
    {
      id: "kusto-night",
      title: "Kusto unchanged night vs full export",
      scale: scaleOf(b),
      measure: figure("unchanged incremental night: response bytes on the wire", "bytes", [
        b.unchanged_night.wire_bytes,
      ]),
      anchor: figure("full export: response bytes on the wire", "bytes", [b.full.wire_bytes]),
      target: "≤ 2% of the bytes and ≤ 10% of the time of the full export",
      extra: {
        night_requests: b.unchanged_night.requests,
        night_s: b.unchanged_night.sync_s,
        full_s: b.full.sync_s,
        time_pct_of_full: b.night_time_pct_of_full,
        wall_pct_of_full: b.night_wall_pct_of_full,
        night_statuses: b.unchanged_night.statuses,
        night_peak_rss_mb: b.unchanged_night.peak_rss_mb,
      },
    },
    t0,
    4,
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
 * The GitHub sync's request bench (bench/sync-github.ts) as a child: the world's committed-style data primed
 * once, then an unchanged re-sync counted per endpoint in the simulator's log, beside refetch-everything. Request
 * counts are exact whatever the machine's load, so this item may run beside another count-only item.
 */
export async function githubItem(ctx: BenchContext): Promise<BenchItem> {
  const t0 = performance.now();
  const b = await benchJson<GitHubBench>("bench/sync-github.ts", ["--scale", ctx.scale, "--json"], "github", {
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
