/**
 * Kusto sync benchmark (default scale M): the simulator serves the world (tables materialized once, in this process);
 * `node scripts/sync.ts --kusto-only` runs as a child into a temporary data dir. Prints rows/s, MB/s and the sync's
 * peak RSS beside two anchors measured on the same responses in the same run: transport (curl to /dev/null) and the
 * buffered-client limit (Node fetch + JSON.parse).
 * Usage: node bench/sync-kusto.ts [--scale M | --people N] [--anchor-sample K] [--datasets a,b]
 * [--child-heap-mb MB] [--mem-trace] [--json]. The child runs with the node flags of the `sync` npm script (the
 * default path); --child-heap-mb adds or replaces a V8 old-space cap. --json adds a last line
 * `{"bench":"kusto",...}` with the figures, for scripts/bench.
 * Memory: the child samples process.memoryUsage() every 100 ms and the heap used after each mark-compact GC (the live
 * peak), and reports them with its peak RSS (resourceUsage().maxRSS) on exit.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseCli } from "#core/args.ts";
import { DEMO_PSEUDONYM_KEY } from "#core/pseudonym.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { kustoEnv, start } from "../sim/kusto/index.ts";
import { createWorld } from "../sim/world/index.ts";
import { cachedUpstream } from "../test/harness/sync-kusto.ts";

const { values } = parseCli(process.argv.slice(2), {
  usage: `usage: npm run bench:sync -- [--scale M | --people N] [--anchor-sample K] [--datasets a,b] [--child-heap-mb MB] [--mem-trace] [--json]
  --scale S|M|L        the world's scale (default: M)
  --people N           a world of N people instead of a scale
  --anchor-sample K    the anchors replay about K of the queries (default: all)
  --datasets a,b       only these Kusto datasets
  --child-heap-mb MB   add or replace the sync child's V8 old-space cap
  --mem-trace          one memory line per second from the child
  --json               also print one last line {"bench":"kusto",...}
  -h, --help           print this help and exit
`,
  options: {
    scale: { type: "string", default: "M" },
    people: { type: "string" },
    "anchor-sample": { type: "string" },
    datasets: { type: "string" },
    "child-heap-mb": { type: "string" },
    json: { type: "boolean", default: false },
    "mem-trace": { type: "boolean", default: false },
  },
});
// Plain JS run by the child with --import: peaks of process.memoryUsage() (sampled every 100 ms) and, with
// --mem-trace, one `MEM rss heapUsed …` line per second. The live peak (heap used right after a mark-compact GC) comes
// from the child's --trace-gc lines on stdout.
const PRELOAD = `const peak = { heapUsed: 0, external: 0, arrayBuffers: 0 };
const MB = (b) => Math.round(b / 1048576);
let tick = 0;
const sample = () => {
  const m = process.memoryUsage();
  for (const k of ["heapUsed", "external", "arrayBuffers"]) if (m[k] > peak[k]) peak[k] = m[k];
  if (${values["mem-trace"] ? "true" : "false"} && ++tick % 10 === 0)
    process.stderr.write("MEM rss " + MB(m.rss) + " heapUsed " + MB(m.heapUsed) + " heapTotal " + MB(m.heapTotal) + " external " + MB(m.external) + " arrayBuffers " + MB(m.arrayBuffers) + "\\n");
};
setInterval(sample, 100).unref();
process.on("exit", () => {
  sample();
  process.stderr.write("PEAK_RSS_KB " + process.resourceUsage().maxRSS + "\\n");
  process.stderr.write("PEAK_MEM " + JSON.stringify(peak) + "\\n");
});
`;
const log = (m: string) => process.stderr.write(`${m}\n`);
const t0 = performance.now();
const world = createWorld(values.people ? { people: Number(values.people) } : { scale: values.scale ?? "M" });
const kusto = cachedUpstream(world.kusto);
const sim = await start({ world: { kusto } });
log(
  `world ${world.scale.name} (${world.people} people) and simulator ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const dir = mkdtempSync(join(tmpdir(), "ace-bench-"));
const env = {
  ...process.env,
  PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY,
  ACE_NOW: world.now.toISOString(),
  ...kustoEnv(sim),
};
// The child reports its own peak RSS (resourceUsage().maxRSS) and memory samples through a tiny preload.
const preload = join(dir, "rss.mjs");
writeFileSync(preload, PRELOAD);
// The child runs with the node flags of the `sync` npm script (the default path); --child-heap-mb adds or replaces an
// old-space cap.
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> };
const scriptFlags = (/^node((?: --\S+)*) scripts\/sync\.ts/.exec(pkg.scripts?.sync ?? "")?.[1] ?? "")
  .split(" ")
  .filter((f) => f !== "");
const childFlags = values["child-heap-mb"]
  ? [
      ...scriptFlags.filter((f) => !f.startsWith("--max-old-space-size")),
      `--max-old-space-size=${values["child-heap-mb"]}`,
    ]
  : scriptFlags;
log(`sync child: node ${[...childFlags, "scripts/sync.ts --kusto-only"].join(" ")}`);
let liveMb = 0; // the largest heap used right after a mark-compact (MB as V8 prints them)
let majorGcs = 0;
const syncStart = performance.now();
const { stderr, code } = await new Promise<{ stderr: string; code: number | null }>((resolve, reject) => {
  const p = spawn(
    process.execPath,
    [
      ...childFlags,
      "--trace-gc",
      "--import",
      preload,
      join(REPO_ROOT, "scripts/sync.ts"),
      "--kusto-only",
      "--data-dir",
      dir,
      ...(values.datasets ? ["--datasets", values.datasets] : []),
    ],
    {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  let partial = "";
  p.stdout.on("data", (c: Buffer) => {
    const lines = (partial + c.toString()).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      const gc = /Mark-Compact[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/.exec(line);
      if (gc) {
        majorGcs++;
        liveMb = Math.max(liveMb, Number(gc[3]));
        if (values["mem-trace"]) process.stderr.write(`GC ${gc[0]}\n`);
      } else if (!/ms: (Scavenge|Mark-Compact|Minor)/.test(line)) process.stdout.write(`${line}\n`);
    }
  });
  p.stderr.on("data", (c: Buffer) => {
    err += c.toString();
    process.stderr.write(c);
  });
  p.on("error", reject);
  p.on("close", (c) => {
    if (partial) process.stdout.write(`${partial}\n`);
    resolve({ stderr: err, code: c });
  });
});
const syncSecs = (performance.now() - syncStart) / 1000;
const peakKb = Number(/PEAK_RSS_KB (\d+)/.exec(stderr)?.[1] ?? 0);
const mem = JSON.parse(/PEAK_MEM (\{.*\})/.exec(stderr)?.[1] ?? "{}") as Partial<Record<string, number>>;
const mib = (v: number | undefined) => Math.round((v ?? 0) / 1024 / 1024);
const record = JSON.parse(readFileSync(join(dir, "sync-run.json"), "utf8")) as {
  datasets: Record<string, { rows: number | null; details: Record<string, number> }>;
};
const rows = Object.values(record.datasets).reduce((s, d) => s + (d.rows ?? 0), 0);
const upstreamRows = Object.values(record.datasets).reduce((s, d) => s + Number(d.details.upstream_rows ?? 0), 0);

// Anchors: replay the sync's own queries (or a sample of them).
const queries = sim.requests.filter((r) => r.route === "kusto:query" && r.status === 200 && r.csl !== undefined);
const perTable = new Map<string, { queries: number; rows: number; max: number }>();
for (const q of queries) {
  const t = perTable.get(q.table ?? "?") ?? { queries: 0, rows: 0, max: 0 };
  perTable.set(q.table ?? "?", { queries: t.queries + 1, rows: t.rows + q.rows, max: Math.max(t.max, q.rows) });
}
const k = values["anchor-sample"] ? Number(values["anchor-sample"]) : queries.length;
const sample = queries.filter((_, i) => i % Math.max(1, Math.round(queries.length / k)) === 0);
let curlBytes = 0;
let curlSecs = 0;
let fetchBytes = 0;
let fetchSecs = 0;
for (const q of sample) {
  const url = `${q.cluster === "cse" ? sim.clusters.cse.url : sim.clusters.gh.url}/v2/rest/query`;
  const body = JSON.stringify({ db: q.db, csl: q.csl, properties: { Parameters: q.parameters ?? {} } });
  // async: the simulator answering curl lives in this process
  const { stdout: out } = await promisify(execFile)(
    "curl",
    [
      "-s",
      "-o",
      "/dev/null",
      "-w",
      "%{size_download} %{time_total}",
      "-H",
      "content-type: application/json",
      "--data-binary",
      body,
      url,
    ],
    { encoding: "utf8" },
  );
  const [b = "0", s = "0"] = out.trim().split(" ");
  curlBytes += Number(b);
  curlSecs += Number(s);
  const t = performance.now();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await res.text();
  JSON.parse(text);
  fetchSecs += (performance.now() - t) / 1000;
  fetchBytes += Buffer.byteLength(text);
}
// Bytes of every sync response, estimated from the sample's bytes per upstream row.
const sampleRows = sample.reduce((s, q) => s + q.rows, 0);
const allRows = queries.reduce((s, q) => s + q.rows, 0);
const syncBytes = sampleRows > 0 ? (fetchBytes / sampleRows) * allRows : fetchBytes;
const mb = (b: number, s: number) => (s > 0 ? b / 1e6 / s : 0).toFixed(1);
const fetchMBs = Number(mb(fetchBytes, fetchSecs));
const syncMBs = Number(mb(syncBytes, syncSecs));
const curlMBs = Number(mb(curlBytes, curlSecs));
const rowsPerS = Math.round(upstreamRows / syncSecs);
const lines = [
  `sync exit code ${code}; ${queries.length} queries, ${allRows} upstream rows served (${upstreamRows} read by the normalizers), ${rows} dataset rows written`,
  `queries per table (rows total / largest response): ${[...perTable].map(([t, v]) => `${t} ${v.queries}q ${v.rows}/${v.max}`).join(", ")}`,
  `sync end to end:      ${syncSecs.toFixed(1)} s, ${rowsPerS} upstream rows/s, ${Math.round(rows / syncSecs)} dataset rows/s, ${syncMBs} MB/s, peak RSS ${(peakKb / 1024).toFixed(0)} MB`,
  `sync memory (MiB):    peak heap used ${mib(mem.heapUsed)}, live peak (heap used after a mark-compact) ${Math.round(liveMb)}, peak external ${mib(mem.external)} (array buffers ${mib(mem.arrayBuffers)}), ${majorGcs} mark-compacts`,
  `anchor transport:     curl to /dev/null ${curlMBs} MB/s (${sample.length} responses, ${(curlBytes / 1e6).toFixed(1)} MB)`,
  `anchor buffered:      fetch + JSON.parse ${fetchMBs} MB/s`,
  `end to end / buffered limit: ${fetchMBs > 0 ? ((syncMBs / fetchMBs) * 100).toFixed(0) : "?"}% (target ≥ 40%)`,
  `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
];
if (values.json) {
  const figures = {
    bench: "kusto",
    scale: world.scale.name,
    datasets: values.datasets ?? "all",
    exit_code: code,
    child_flags: childFlags.join(" "),
    queries: queries.length,
    upstream_rows: upstreamRows,
    rows,
    seconds: Number(syncSecs.toFixed(1)),
    rows_per_s: rowsPerS,
    mb_per_s: syncMBs,
    peak_rss_mb: Math.round(peakKb / 1024),
    live_heap_mb: Math.round(liveMb),
    heap_used_peak_mb: mib(mem.heapUsed),
    anchor_curl_mb_per_s: curlMBs,
    anchor_fetch_parse_mb_per_s: fetchMBs,
    pct_of_buffered_limit: fetchMBs > 0 ? Math.round((syncMBs / fetchMBs) * 100) : null,
    load_average: loadavg().map((l) => Number(l.toFixed(2))),
  };
  lines.push(JSON.stringify(figures));
}
process.stdout.write(`${lines.join("\n")}\n`);
await sim.close();
rmSync(dir, { recursive: true, force: true });
