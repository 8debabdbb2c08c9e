/**
 * Worker benchmark (`node bench/worker.ts [--duration S] [--rate RPS]`; wired into `npm run bench` by the bench
 * owner): wrangler dev on loopback under autocannon load, bounded (~1–2 minutes).
 *  1. cache-hit p50/p99 and throughput of /api/metrics/exams-fy at a fixed rate, beside a static asset of the same
 *     wrangler dev (/static/anchor.json, the anchor). Target: hit p99 ≤ 2 × anchor p99 at 500 rps.
 *  2. 1,000 concurrent cold requests → upstream query count in the simulator's log. Target: exactly 1.
 *  3. fallback latency with Kusto down (hanging: no answer at all; refused: nothing listening). Target: ≤ timeout + 50 ms.
 */
import autocannon from "autocannon";
import { parseCli } from "#core/args.ts";
import { startDevWorker } from "../scripts/dev-worker.ts";
import { type KustoSim, start } from "../sim/kusto/index.ts";
import { createWorld, DEMO } from "../sim/world/index.ts";

const TOKEN = "bench-api-token";
const TIMEOUT_MS = 2500;

interface Figures {
  [k: string]: number | string | boolean;
}

function varsFor(sim: KustoSim | { cse: string; gh: string }): Record<string, string> {
  const urls = "clusters" in sim ? { cse: sim.clusters.cse.url, gh: sim.clusters.gh.url } : sim;
  return {
    KUSTO_CSE_URL: urls.cse,
    KUSTO_GH_URL: urls.gh,
    KUSTO_CSE_DATABASE: "ACE",
    KUSTO_GH_DATABASE: "ace",
    API_TOKEN: TOKEN,
    ACE_NOW: DEMO.now,
    KUSTO_TIMEOUT_MS: String(TIMEOUT_MS),
  };
}

const queries = (sim: KustoSim): number => sim.requests.filter((r) => r.route === "kusto:query").length;

async function hitVsAnchor(duration: number, rate: number): Promise<Figures> {
  const world = createWorld({ scale: "S" });
  const sim = await start({ world });
  const worker = await startDevWorker(varsFor(sim), { quiet: true });
  try {
    const warm = await fetch(`${worker.url}api/metrics/exams-fy`);
    await warm.arrayBuffer();
    const load = { connections: 50, duration, overallRate: rate };
    const anchor = await autocannon({ ...load, url: `${worker.url}static/anchor.json` });
    const hit = await autocannon({ ...load, url: `${worker.url}api/metrics/exams-fy` });
    const check = await fetch(`${worker.url}api/metrics/exams-fy`);
    await check.arrayBuffer();
    return {
      rate_rps: rate,
      anchor_p50_ms: anchor.latency.p50,
      anchor_p99_ms: anchor.latency.p99,
      anchor_rps: anchor.requests.average,
      hit_p50_ms: hit.latency.p50,
      hit_p99_ms: hit.latency.p99,
      hit_rps: hit.requests.average,
      hit_non2xx: hit.non2xx + hit.errors,
      hit_is_cached: check.headers.get("x-cache") === "HIT",
      upstream_queries_during_hit_run: queries(sim) - 1,
      target_hit_p99_within_2x_anchor: hit.latency.p99 <= 2 * Math.max(anchor.latency.p99, 1),
    };
  } finally {
    await worker.close();
    await sim.close();
  }
}

async function coldStampede(n: number): Promise<Figures> {
  const world = createWorld({ scale: "S" });
  // a slow cluster (300 ms) so the cold requests really overlap
  const sim = await start({ world, faults: { faults: [{ route: "kusto:query", kind: "latency", ms: 300 }] } });
  const worker = await startDevWorker(varsFor(sim), { quiet: true });
  try {
    const health = await fetch(`${worker.url}api/health`);
    await health.arrayBuffer();
    const r = await autocannon({ url: `${worker.url}api/metrics/pass-rate`, connections: n, amount: n, timeout: 60 });
    if (process.env.BENCH_DEBUG === "1") {
      for (const q of sim.requests) console.error(q.route, q.status, q.clientRequestId, JSON.stringify(q.parameters));
    }
    return {
      cold_requests: n,
      cold_ok: r["2xx"],
      cold_p99_ms: r.latency.p99,
      upstream_queries: queries(sim),
      target_exactly_one_query: queries(sim) === 1,
    };
  } finally {
    await worker.close();
    await sim.close();
  }
}

async function fallbackLatency(label: string, vars: Record<string, string>, n: number): Promise<Figures> {
  const worker = await startDevWorker(vars, { quiet: true });
  try {
    const times: number[] = [];
    let fallbacks = 0;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const res = await fetch(`${worker.url}api/metrics/exams-fy`);
      await res.arrayBuffer();
      times.push(performance.now() - t);
      if (res.headers.get("x-data-source") === "csv-fallback") fallbacks++;
    }
    times.sort((a, b) => a - b);
    const max = times[times.length - 1] ?? 0;
    return {
      [`${label}_requests`]: n,
      [`${label}_fallbacks`]: fallbacks,
      [`${label}_p50_ms`]: Math.round(times[Math.floor(n / 2)] ?? 0),
      [`${label}_max_ms`]: Math.round(max),
      [`${label}_target_le_timeout_plus_50`]: max <= TIMEOUT_MS + 50,
    };
  } finally {
    await worker.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: `usage: node bench/worker.ts [--duration S] [--rate RPS] [--cold N] [--only hit|cold|down]
  --duration S      seconds of load per measurement (default: 10)
  --rate RPS        requests per second of the cache-hit load (default: 500)
  --cold N          concurrent cold requests (default: 1000)
  --only PART       only one part: hit, cold or down
  -h, --help        print this help and exit
`,
    options: {
      duration: { type: "string", default: "10" },
      rate: { type: "string", default: "500" },
      cold: { type: "string", default: "1000" },
      only: { type: "string" },
    },
  });
  const only = values.only;
  const want = (part: string): boolean => only === undefined || only === part;
  const duration = Number(values.duration);
  const rate = Number(values.rate);
  const cold = Number(values.cold);
  const figures: Figures = {};
  if (want("hit")) Object.assign(figures, await hitVsAnchor(duration, rate));
  if (want("cold")) Object.assign(figures, await coldStampede(cold));
  if (want("down")) Object.assign(figures, await downFigures());
  console.log("worker bench (wrangler dev --local, loopback, autocannon)");
  for (const [k, v] of Object.entries(figures)) {
    console.log(`  ${k.padEnd(40)} ${typeof v === "number" ? Math.round(v * 100) / 100 : v}`);
  }
  console.log(JSON.stringify({ bench: "worker", figures }));
}

async function downFigures(): Promise<Figures> {
  const figures: Figures = {};
  // Kusto down, hanging: a cluster that never answers within the timeout
  const world = createWorld({ scale: "S" });
  const hanging = await start({ world, faults: { faults: [{ route: "kusto:query", kind: "latency", ms: 60_000 }] } });
  try {
    Object.assign(figures, await fallbackLatency("down_hanging", varsFor(hanging), 6));
  } finally {
    await hanging.close();
  }
  // Kusto down, refused: nothing listens on the cluster port
  Object.assign(
    figures,
    await fallbackLatency("down_refused", varsFor({ cse: "http://127.0.0.1:9", gh: "http://127.0.0.1:9" }), 20),
  );
  return figures;
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
