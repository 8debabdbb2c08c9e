/**
 * Kusto sync benchmark (default scale M): the simulator serves the world (tables materialized once, in this process);
 * `node scripts/sync.ts --kusto-only` runs as a child into a temporary data dir. Prints rows/s, MB/s and the sync's
 * peak RSS beside two anchors measured on the same responses in the same run: transport (curl to /dev/null) and the
 * buffered-client limit (Node fetch + JSON.parse).
 * Usage: node actions/sync-kusto/bench.ts [--scale M | --people N] [--anchor-sample K] [--datasets a,b]
 * [--child-heap-mb MB] (caps the sync child's V8 old space, to see live memory rather than lazy GC).
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { start } from "../../sim/kusto/index.ts";
import { createWorld } from "../../sim/world/index.ts";
import { DEMO_PSEUDONYM_KEY } from "../shared/pseudonym.ts";
import { REPO_ROOT } from "../shared/schema.ts";
import { cachedUpstream } from "./testing/harness.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "M" },
    people: { type: "string" },
    "anchor-sample": { type: "string" },
    datasets: { type: "string" },
    "child-heap-mb": { type: "string" },
  },
});
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
  KUSTO_CSE_URL: sim.clusters.cse.url,
  KUSTO_CSE_DATABASE: sim.clusters.cse.database,
  KUSTO_GH_URL: sim.clusters.gh.url,
  KUSTO_GH_DATABASE: sim.clusters.gh.database,
};
// The child reports its own peak RSS (resourceUsage().maxRSS) through a tiny preload.
const preload = join(dir, "rss.mjs");
writeFileSync(
  preload,
  `process.on("exit", () => process.stderr.write("PEAK_RSS_KB " + process.resourceUsage().maxRSS + "\\n"));\n`,
);
const syncStart = performance.now();
const { stderr, code } = await new Promise<{ stderr: string; code: number | null }>((resolve, reject) => {
  const p = spawn(
    process.execPath,
    [
      ...(values["child-heap-mb"] ? [`--max-old-space-size=${values["child-heap-mb"]}`] : []),
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
      stdio: ["ignore", "inherit", "pipe"],
    },
  );
  let err = "";
  p.stderr.on("data", (c: Buffer) => {
    err += c.toString();
    process.stderr.write(c);
  });
  p.on("error", reject);
  p.on("close", (c) => resolve({ stderr: err, code: c }));
});
const syncSecs = (performance.now() - syncStart) / 1000;
const peakKb = Number(/PEAK_RSS_KB (\d+)/.exec(stderr)?.[1] ?? 0);
const record = JSON.parse(readFileSync(join(dir, "sync-run.json"), "utf8")) as {
  datasets: Record<string, { rows: number | null; details: Record<string, number> }>;
};
const rows = Object.values(record.datasets).reduce((s, d) => s + (d.rows ?? 0), 0);
const upstreamRows = Object.values(record.datasets).reduce((s, d) => s + Number(d.details.upstream_rows ?? 0), 0);

// Anchors: replay the sync's own queries (or a sample of them).
const queries = sim.requests.filter((r) => r.route === "kusto:query" && r.status === 200 && r.csl !== undefined);
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
const lines = [
  `sync exit code ${code}; ${queries.length} queries, ${allRows} upstream rows served (${upstreamRows} read by the normalizers), ${rows} dataset rows written`,
  `sync end to end:      ${syncSecs.toFixed(1)} s, ${Math.round(upstreamRows / syncSecs)} upstream rows/s, ${Math.round(rows / syncSecs)} dataset rows/s, ${syncMBs} MB/s, peak RSS ${(peakKb / 1024).toFixed(0)} MB`,
  `anchor transport:     curl to /dev/null ${mb(curlBytes, curlSecs)} MB/s (${sample.length} responses, ${(curlBytes / 1e6).toFixed(1)} MB)`,
  `anchor buffered:      fetch + JSON.parse ${fetchMBs} MB/s`,
  `end to end / buffered limit: ${fetchMBs > 0 ? ((syncMBs / fetchMBs) * 100).toFixed(0) : "?"}% (target ≥ 40%)`,
];
process.stdout.write(`${lines.join("\n")}\n`);
await sim.close();
rmSync(dir, { recursive: true, force: true });
