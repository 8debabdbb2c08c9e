/**
 * The anchor of the Kusto client bench, run as its own process like the sync: `fetch` + `JSON.parse` of every
 * request listed in the file argv[2] (`[{url, body}]`), one after the other against the replay server. Prints one line
 * `{"anchor":"fetch+JSON.parse","seconds":…,"bytes":…,"requests":…,"peak_rss_mb":…}` (bytes: decoded body text).
 */
import { readFileSync } from "node:fs";
import { parseCli } from "#core/args.ts";

const USAGE = `usage: node bench/kusto-replay/anchor.ts FILE
  FILE              the requests, as JSON [{url, body}]
  -h, --help        print this help and exit
`;
const { positionals } = parseCli(process.argv.slice(2), { usage: USAGE, options: {}, allowPositionals: true });
if (positionals.length !== 1) {
  process.stderr.write(`error: expected one FILE\n\n${USAGE}`);
  process.exit(2);
}
const list = JSON.parse(readFileSync(positionals[0] ?? "", "utf8")) as { url: string; body: string }[];
const t = performance.now();
let bytes = 0;
for (const q of list) {
  const res = await fetch(q.url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", "accept-encoding": "gzip" },
    body: q.body,
  });
  const text = await res.text();
  JSON.parse(text);
  bytes += Buffer.byteLength(text);
}
const seconds = (performance.now() - t) / 1000;
const peak = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  `${JSON.stringify({ anchor: "fetch+JSON.parse", seconds, bytes, requests: list.length, peak_rss_mb: peak })}\n`,
);
