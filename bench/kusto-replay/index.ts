/**
 * Kusto client bench on replayed responses (issue 20), default scale M:
 * 1. once per scale (kept in bench/cache/<scale>/kusto-replay/): the world behind the simulator, a recording proxy in
 *    front of it, and the real sync CLI run twice through it — a full export of the five Kusto datasets, then the
 *    next run at the same clock (an unchanged incremental night);
 * 2. every run: a replay server answers those requests with the recorded bytes as fast as the socket allows, and
 *    four children run against it — the sync's full export (azure-kusto-data → frames → normalize → CSV), the
 *    unchanged night, the anchor: `fetch` + `JSON.parse` of the very same full-export requests, and the floor
 *    (floor.ts): the anchor plus the least per-row work of any single-threaded sync (a pseudonymized CSV line per row,
 *    sorted in chunks, written).
 * Usage: node bench/kusto-replay/index.ts [--scale S|M | --people N] [--record] [--json] [--keep DIR]
 *   [--node-flags "…"] [--full-only]
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseCli } from "#core/args.ts";
import { DEMO_PSEUDONYM_KEY } from "#core/pseudonym.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { kustoEnv, start } from "../../sim/kusto/index.ts";
import { createWorld } from "../../sim/world/index.ts";
import { cachedUpstream, KUSTO_DATASETS } from "../../test/harness/sync-kusto.ts";
import { type Endpoints, loadRecording, type Recorded, recordingProxy, replayServer, saveRecording } from "./replay.ts";

const { values } = parseCli(process.argv.slice(2), {
  usage: `usage: node bench/kusto-replay/index.ts [--scale S|M | --people N] [--record] [--json] [--keep DIR]
       [--node-flags "FLAGS"] [--full-only]
  --scale S|M       the world's scale (default: M)
  --people N        a world of N people instead of a scale
  --record          record the responses again (else the cached recording is reused)
  --json            also print one last line of figures as JSON, for npm run bench
  --keep DIR        copy the full export's data directory to DIR (to diff it against another run's)
  --node-flags F    extra node flags for the sync's full export (profiling: --node-flags="--cpu-prof --cpu-prof-dir=/tmp/p")
  --full-only       run only the full export (no unchanged night, no anchor)
  -h, --help        print this help and exit
`,
  options: {
    scale: { type: "string", default: "M" },
    people: { type: "string" },
    record: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    keep: { type: "string" },
    "node-flags": { type: "string" },
    "full-only": { type: "boolean", default: false },
  },
});
const label = values.people ? `people-${values.people}` : (values.scale ?? "M");
const cacheDir = join(REPO_ROOT, "bench", "cache", label, "kusto-replay");
const log = (m: string) => process.stderr.write(`${m}\n`);
const work = mkdtempSync(join(tmpdir(), "ace-kusto-replay-"));
const preload = join(work, "rss.mjs");
writeFileSync(
  preload,
  'process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write("PEAK_RSS_KB " + u.maxRSS + " CPU_US " + (u.userCPUTime + u.systemCPUTime) + "\\n"); });\n',
);
// the node flags of the `sync` npm script: the path the workflows run
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> };
const syncFlags = (/^node((?: --\S+)*) scripts\/sync\.ts/.exec(pkg.scripts?.sync ?? "")?.[1] ?? "")
  .split(" ")
  .filter((f) => f !== "");

interface ChildRun {
  readonly code: number | null;
  readonly wallSeconds: number;
  readonly stdout: string;
  readonly peakRssMb: number;
  /** CPU seconds of the process (user + system, start-up included): steadier than wall time on a shared machine */
  readonly cpuSeconds: number;
}

function child(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildRun> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    p.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    p.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0) log(err.split("\n").slice(-8).join("\n"));
      resolve({
        code,
        wallSeconds: (performance.now() - t) / 1000,
        stdout: out,
        peakRssMb: Math.round(Number(/PEAK_RSS_KB (\d+)/.exec(err)?.[1] ?? 0) / 1024),
        cpuSeconds: Number(/CPU_US (\d+)/.exec(err)?.[1] ?? 0) / 1e6,
      });
    });
  });
}

interface SyncRun extends ChildRun {
  /** the run's own duration (sync-run.json): the sync's path without process start-up and module loading */
  readonly syncSeconds: number;
  readonly statuses: Readonly<Record<string, string>>;
  readonly modes: Readonly<Record<string, string>>;
  /** seconds per dataset */
  readonly seconds: Readonly<Record<string, number>>;
}

async function sync(
  urls: Endpoints["urls"],
  dataDir: string,
  now: string,
  full: boolean,
  extraFlags: readonly string[] = [],
): Promise<SyncRun> {
  const args = [...syncFlags, ...extraFlags, "--import", preload, join(REPO_ROOT, "scripts/sync.ts"), "--kusto-only"];
  args.push("--datasets", KUSTO_DATASETS.join(","), "--data-dir", dataDir, ...(full ? ["--full"] : []));
  const env = {
    PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY,
    ACE_NOW: now,
    KUSTO_CSE_URL: urls.cse,
    KUSTO_CSE_DATABASE: "ACE",
    KUSTO_GH_URL: urls.gh,
    KUSTO_GH_DATABASE: "ace",
  };
  const r = await child(args, env);
  const record = JSON.parse(readFileSync(join(dataDir, "sync-run.json"), "utf8")) as {
    duration_ms: number;
    datasets: Record<string, { status: string; duration_ms?: number; details?: Record<string, unknown> }>;
  };
  const ds = Object.entries(record.datasets);
  return {
    ...r,
    syncSeconds: record.duration_ms / 1000,
    statuses: Object.fromEntries(ds.map(([k, d]) => [k, d.status])),
    modes: Object.fromEntries(ds.map(([k, d]) => [k, String(d.details?.mode ?? "")])),
    seconds: Object.fromEntries(ds.map(([k, d]) => [k, Number(((d.duration_ms ?? 0) / 1000).toFixed(2))])),
  };
}

const t0 = performance.now();
let recording = values.record ? undefined : loadRecording(cacheDir);
if (recording === undefined) {
  const world = createWorld(values.people ? { people: Number(values.people) } : { scale: values.scale ?? "M" });
  const sim = await start({ world: { kusto: cachedUpstream(world.kusto) } });
  const sims = kustoEnv(sim);
  const out: Recorded[] = [];
  let phase = "full";
  const proxy = await recordingProxy(
    { cse: String(sims.KUSTO_CSE_URL), gh: String(sims.KUSTO_GH_URL) },
    out,
    () => phase,
  );
  const dir = mkdtempSync(join(work, "record-"));
  const now = world.now.toISOString();
  const full = await sync(proxy.urls, dir, now, true);
  phase = "unchanged";
  const night = await sync(proxy.urls, dir, now, false);
  await proxy.close();
  await sim.close();
  if (full.code !== 0 || night.code !== 0) throw new Error(`recording: the sync exited ${full.code}/${night.code}`);
  saveRecording(cacheDir, out, {
    now,
    scale: world.scale.name,
    people: world.people,
    simulator_full_s: full.wallSeconds,
  });
  log(`recorded ${out.length} responses in ${((performance.now() - t0) / 1000).toFixed(0)} s into ${cacheDir}`);
  recording = loadRecording(cacheDir);
}
if (recording === undefined) throw new Error(`no recording in ${cacheDir}`);
const now = String(recording.meta.now);
const replay = await replayServer(recording.recorded);
const dataDir = mkdtempSync(join(work, "replay-"));

replay.reset();
const nodeFlags = (values["node-flags"] ?? "").split(" ").filter((f) => f !== "");
const full = await sync(replay.urls, dataDir, now, true, nodeFlags);
const fullSent = { ...replay.sent };
if (values.keep !== undefined) cpSync(dataDir, values.keep, { recursive: true });
if (values["full-only"]) {
  await replay.close();
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(
    `full export: ${fullSent.requests} requests, sync ${full.syncSeconds.toFixed(1)} s (wall ${full.wallSeconds.toFixed(1)} s, ${full.cpuSeconds.toFixed(1)} CPU s), peak RSS ${full.peakRssMb} MB, exit ${full.code}\n  ${JSON.stringify(full.seconds)}\n`,
  );
  process.exit(full.code === 0 ? 0 : 1);
}
replay.reset();
const night = await sync(replay.urls, dataDir, now, false);
const nightSent = { ...replay.sent };
// the anchor: the same full-export requests, same server, fetch + JSON.parse in a process of its own
const queries = recording.recorded.filter((r) => r.phase === "full" && r.path.startsWith("/v2/rest/query"));
const list = join(work, "anchor.json");
writeFileSync(
  list,
  JSON.stringify(queries.map((q) => ({ url: `${replay.urls[q.cluster]}${q.path}`, body: q.request }))),
);
replay.reset();
const anchorRun = await child(["--import", preload, join(REPO_ROOT, "bench/kusto-replay/anchor.ts"), list], {});
const anchor = JSON.parse(anchorRun.stdout.trim().split("\n").at(-1) ?? "{}") as {
  seconds: number;
  bytes: number;
  requests: number;
  peak_rss_mb: number;
};
// the floor: the anchor plus the least per-row work any single-threaded sync does (floor.ts), same requests
replay.reset();
const floorRun = await child(["--import", preload, join(REPO_ROOT, "bench/kusto-replay/floor.ts"), list], {});
const floor = JSON.parse(floorRun.stdout.trim().split("\n").at(-1) ?? "{}") as { seconds: number; rows: number };
await replay.close();
rmSync(work, { recursive: true, force: true });

const mbps = (bytes: number, s: number) => (s > 0 ? bytes / 1e6 / s : 0);
const clientMbps = mbps(anchor.bytes, full.syncSeconds);
const anchorMbps = mbps(anchor.bytes, anchor.seconds);
const figures = {
  bench: "kusto-replay",
  scale: String(recording.meta.scale),
  people: Number(recording.meta.people),
  exit_codes: [full.code, night.code, anchorRun.code, floorRun.code],
  misses: fullSent.misses + nightSent.misses,
  full: {
    requests: fullSent.requests,
    wire_bytes: fullSent.bytes,
    json_bytes: anchor.bytes,
    sync_s: Number(full.syncSeconds.toFixed(2)),
    wall_s: Number(full.wallSeconds.toFixed(2)),
    peak_rss_mb: full.peakRssMb,
    cpu_s: Number(full.cpuSeconds.toFixed(2)),
    dataset_s: full.seconds,
  },
  unchanged_night: {
    requests: nightSent.requests,
    wire_bytes: nightSent.bytes,
    sync_s: Number(night.syncSeconds.toFixed(2)),
    wall_s: Number(night.wallSeconds.toFixed(2)),
    peak_rss_mb: night.peakRssMb,
    statuses: [...new Set(Object.values(night.statuses))].join(","),
    modes: [...new Set(Object.values(night.modes))].join(","),
  },
  night_bytes_pct_of_full: Number(((nightSent.bytes / Math.max(1, fullSent.bytes)) * 100).toFixed(3)),
  night_time_pct_of_full: Number(((night.syncSeconds / Math.max(1e-9, full.syncSeconds)) * 100).toFixed(1)),
  night_wall_pct_of_full: Number(((night.wallSeconds / Math.max(1e-9, full.wallSeconds)) * 100).toFixed(1)),
  client_mb_per_s: Number(clientMbps.toFixed(1)),
  anchor_fetch_parse_mb_per_s: Number(anchorMbps.toFixed(1)),
  anchor_s: Number(anchor.seconds.toFixed(2)),
  anchor_cpu_s: Number(anchorRun.cpuSeconds.toFixed(2)),
  /** the same comparison in CPU seconds of the two processes (start-up included in both): a check on a busy machine */
  pct_of_fetch_parse_cpu: Number(((anchorRun.cpuSeconds / Math.max(1e-9, full.cpuSeconds)) * 100).toFixed(0)),
  pct_of_fetch_parse: Number(((clientMbps / Math.max(1e-9, anchorMbps)) * 100).toFixed(0)),
  /** the floor (floor.ts): fetch + JSON.parse + one pseudonymized CSV line per row, sorted in chunks and written */
  floor_s: Number(floor.seconds.toFixed(2)),
  floor_cpu_s: Number(floorRun.cpuSeconds.toFixed(2)),
  floor_rows: floor.rows,
  floor_pct_of_fetch_parse: Number(((anchor.seconds / Math.max(1e-9, floor.seconds)) * 100).toFixed(0)),
  floor_pct_of_fetch_parse_cpu: Number(((anchorRun.cpuSeconds / Math.max(1e-9, floorRun.cpuSeconds)) * 100).toFixed(0)),
  load_average: loadavg().map((l) => Number(l.toFixed(2))),
};
const lines = [
  `replayed ${recording.recorded.length} recorded responses (${label}, now ${now}); misses ${figures.misses}`,
  `full export:      ${fullSent.requests} requests, ${(fullSent.bytes / 1e6).toFixed(1)} MB on the wire (${(anchor.bytes / 1e6).toFixed(1)} MB JSON), sync ${full.syncSeconds.toFixed(1)} s (wall ${full.wallSeconds.toFixed(1)} s), peak RSS ${full.peakRssMb} MB`,
  `unchanged night:  ${nightSent.requests} requests, ${(nightSent.bytes / 1e3).toFixed(1)} kB on the wire, sync ${night.syncSeconds.toFixed(2)} s (wall ${night.wallSeconds.toFixed(1)} s), statuses ${figures.unchanged_night.statuses}`,
  `  = ${figures.night_bytes_pct_of_full}% of the full export's bytes (target ≤ 2%), ${figures.night_time_pct_of_full}% of its time (target ≤ 10%; wall ${figures.night_wall_pct_of_full}%)`,
  `client path:      ${figures.client_mb_per_s} MB/s of JSON (azure-kusto-data → normalize → CSV)`,
  `anchor:           fetch + JSON.parse ${figures.anchor_fetch_parse_mb_per_s} MB/s on the same ${anchor.requests} responses (${anchor.seconds.toFixed(1)} s)`,
  `client / anchor:  ${figures.pct_of_fetch_parse}% (target ≥ 40%); peak RSS ${full.peakRssMb} MB (target < 512)`,
  `floor:            ${figures.floor_pct_of_fetch_parse}% of the anchor (${floor.seconds.toFixed(1)} s; ${figures.floor_pct_of_fetch_parse_cpu}% by CPU, ${floorRun.cpuSeconds.toFixed(1)} CPU s): fetch + JSON.parse + a pseudonymized CSV line per row, sorted in chunks, written (floor.ts)`,
  `  by CPU time:     ${figures.pct_of_fetch_parse_cpu}% (sync ${full.cpuSeconds.toFixed(1)} CPU s, anchor ${anchorRun.cpuSeconds.toFixed(1)} CPU s; load average ${figures.load_average.join(" ")})`,
];
process.stdout.write(`${lines.join("\n")}\n${values.json ? `${JSON.stringify(figures)}\n` : ""}`);
