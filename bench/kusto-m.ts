/**
 * Measures the Kusto simulator at scale M: serves every exam table (PearsonExamResults on cse, ExamEligibility /
 * ExamScheduling / ExamResults on gh) in fiscal-year window partitions, reading each response as a stream, and
 * reports rows, bytes, time and the process's peak RSS (world + simulator in one process).
 * Usage: node bench/kusto-m.ts [--scale M] [--gzip]
 */
import { request } from "node:http";
import { parseCli } from "#core/args.ts";
import { fiscalYearRange } from "#core/fiscal.ts";
import { formatDatetime } from "../sim/kusto/encode.ts";
import { start } from "../sim/kusto/index.ts";
import { CLUSTER_KEYS, loadUpstream } from "../sim/kusto/upstream-schema.ts";
import { createWorld } from "../sim/world/index.ts";

const { values } = parseCli(process.argv.slice(2), {
  usage: `usage: npm run bench:kusto-m -- [--scale M] [--gzip]
  --scale S|M|L     the world's scale (default: M)
  --gzip            ask for gzip-encoded responses
  -h, --help        print this help and exit
`,
  options: { scale: { type: "string", default: "M" }, gzip: { type: "boolean", default: false } },
});
const EXAM_TABLES = new Set(["PearsonExamResults", "ExamEligibility", "ExamScheduling", "ExamResults"]);
const FYS = ["FY22", "FY23", "FY24", "FY25", "FY26", "FY27"];

let peak = 0;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 50);

function post(url: string, body: string, gzip: boolean): Promise<{ status: number; bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${url}/v2/rest/query`);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        headers: { "content-type": "application/json", ...(gzip ? { "accept-encoding": "gzip" } : {}) },
      },
      (res) => {
        let bytes = 0;
        let tail = "";
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          tail = (tail + chunk.toString("latin1")).slice(-400);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, text: tail }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const t0 = Date.now();
const world = createWorld({ scale: values.scale ?? "M" });
const sim = await start({ world });
const upstream = loadUpstream();
let rows = 0;
let bytes = 0;
let queries = 0;
for (const key of ["cse", "gh"] as const) {
  const cluster = upstream.clusters.find((c) => c.name === CLUSTER_KEYS[key]);
  for (const table of cluster?.tables.filter((t) => EXAM_TABLES.has(t.name)) ?? []) {
    for (const fy of FYS) {
      const w = fiscalYearRange(fy);
      const csl = [
        "declare query_parameters(window_start:datetime, window_end:datetime);",
        `${table.name} | where ${table.timeColumn} >= window_start and ${table.timeColumn} < window_end`,
        `| project ${table.columns.map((c) => c.name).join(", ")} | order by ${table.key.map((k) => `${k} asc`).join(", ")}`,
      ].join("\n");
      const body = JSON.stringify({
        db: sim.clusters[key].database,
        csl,
        properties: {
          Parameters: {
            window_start: `datetime(${formatDatetime(w.start)})`,
            window_end: `datetime(${formatDatetime(w.end)})`,
          },
        },
      });
      const r = await post(sim.clusters[key].url, body, values.gzip ?? false);
      const log = sim.requests.at(-1);
      if (r.status !== 200 || log?.truncated === true || !r.text.includes('"HasErrors":false')) {
        console.error(`${table.name} ${fy}: status ${r.status} truncated=${String(log?.truncated)}`);
      }
      rows += log?.rows ?? 0;
      bytes += r.bytes;
      queries++;
      sample();
      console.error(
        `${table.name} ${fy}: ${log?.rows ?? 0} rows, ${(r.bytes / 1e6).toFixed(1)} MB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
      );
    }
  }
}
clearInterval(timer);
await sim.close();
const result = {
  scale: values.scale,
  gzip: values.gzip,
  queries,
  rows,
  responseMB: Math.round(bytes / 1e6),
  seconds: Math.round((Date.now() - t0) / 100) / 10,
  peakRssMiB: Math.round(peak / 2 ** 20),
};
console.log(JSON.stringify(result));
