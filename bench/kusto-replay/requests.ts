/**
 * What the anchor (anchor.ts) and the floor (floor.ts) share: their command line — one FILE listing the full export's
 * requests as JSON `[{url, body}]` — and how they send one request to the replay server (the Kusto v2 query POST,
 * gzip accepted) and read its body as text.
 */
import { readFileSync } from "node:fs";
import { parseCli } from "#core/args.ts";

export interface ReplayRequest {
  readonly url: string;
  readonly body: string;
}

/** The requests of the FILE named in `args`, the command line of `script` (usage and exit 2 on anything else). */
export function requestList(script: string, args: readonly string[]): ReplayRequest[] {
  const usage = `usage: node ${script} FILE
  FILE              the requests, as JSON [{url, body}]
  -h, --help        print this help and exit
`;
  const { positionals } = parseCli(args, { usage, options: {}, allowPositionals: true });
  if (positionals.length !== 1) {
    process.stderr.write(`error: expected one FILE\n\n${usage}`);
    process.exit(2);
  }
  return JSON.parse(readFileSync(positionals[0] ?? "", "utf8")) as ReplayRequest[];
}

/** One request through `fetch`; its body decoded as text. */
export async function fetchText(q: ReplayRequest): Promise<string> {
  const res = await fetch(q.url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", "accept-encoding": "gzip" },
    body: q.body,
  });
  return res.text();
}
