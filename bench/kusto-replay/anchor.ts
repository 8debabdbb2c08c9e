/**
 * The anchor of the Kusto client bench, run as its own process like the sync: `fetch` + `JSON.parse` of every
 * request listed in the file argv[2] (`[{url, body}]`), one after the other against the replay server. Prints one line
 * `{"anchor":"fetch+JSON.parse","seconds":…,"bytes":…,"requests":…,"peak_rss_mb":…}` (bytes: decoded body text).
 */
import { fetchText, requestList } from "./requests.ts";

const list = requestList("bench/kusto-replay/anchor.ts", process.argv.slice(2));
const t = performance.now();
let bytes = 0;
for (const q of list) {
  const text = await fetchText(q);
  JSON.parse(text);
  bytes += Buffer.byteLength(text);
}
const seconds = (performance.now() - t) / 1000;
const peak = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  `${JSON.stringify({ anchor: "fetch+JSON.parse", seconds, bytes, requests: list.length, peak_rss_mb: peak })}\n`,
);
