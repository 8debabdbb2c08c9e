/**
 * Recorded Kusto responses and the server that replays them (the bench's honest client anchor, issue 20). Recording:
 * a proxy per cluster in front of the simulator keeps every response exactly as served (status, content type and
 * encoding, body bytes). Replay: a loopback server per cluster answers each recorded request with those bytes in one
 * write — as fast as the socket allows — so what a client spends is the client's own cost.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export type ClusterKey = "cse" | "gh";

export interface Recorded {
  readonly cluster: ClusterKey;
  readonly key: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** the request as sent (method, path, body): the anchor re-sends it */
  readonly method: string;
  readonly path: string;
  readonly request: string;
  /** which phase of the recording asked it (full export, unchanged night) */
  readonly phase: string;
}

/** What identifies a request: method, path, database, query text and parameters (not ids, timeouts or options). */
export function requestKey(cluster: ClusterKey, method: string, path: string, body: string): string {
  let db = "";
  let csl = "";
  let params: [string, unknown][] = [];
  if (body !== "") {
    const j = JSON.parse(body) as { db?: string; csl?: string; properties?: unknown };
    const props = (typeof j.properties === "string" ? JSON.parse(j.properties) : j.properties) as
      | { Parameters?: Record<string, unknown> }
      | undefined;
    db = j.db ?? "";
    csl = j.csl ?? "";
    params = Object.entries(props?.Parameters ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  }
  const text = JSON.stringify([cluster, method, path.split("?")[0], db, csl, params]);
  return createHash("sha256").update(text).digest("hex");
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

export interface Endpoints {
  readonly urls: Readonly<Record<ClusterKey, string>>;
  close(): Promise<void>;
}

const closeAll = (servers: Server[]) =>
  Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined);

/** Proxies to the simulator's clusters and records every response under the current `phase()`. */
export async function recordingProxy(
  upstream: Readonly<Record<ClusterKey, string>>,
  out: Recorded[],
  phase: () => string,
): Promise<Endpoints> {
  const make = (cluster: ClusterKey) =>
    listen((req, res) => {
      void (async () => {
        const body = await readBody(req);
        const target = new URL(req.url ?? "/", upstream[cluster]);
        const headers = { ...req.headers, host: target.host };
        const up = request(target, { method: req.method ?? "GET", headers }, (r) => {
          const chunks: Buffer[] = [];
          r.on("data", (c: Buffer) => chunks.push(c));
          r.on("end", () => {
            const bytes = Buffer.concat(chunks);
            const kept: Record<string, string> = {};
            for (const h of ["content-type", "content-encoding", "retry-after"]) {
              const v = r.headers[h];
              if (typeof v === "string") kept[h] = v;
            }
            out.push({
              cluster,
              key: requestKey(cluster, req.method ?? "GET", req.url ?? "/", body),
              status: r.statusCode ?? 500,
              headers: kept,
              body: bytes,
              method: req.method ?? "GET",
              path: req.url ?? "/",
              request: body,
              phase: phase(),
            });
            res.writeHead(r.statusCode ?? 500, kept);
            res.end(bytes);
          });
        });
        up.on("error", (e) => {
          res.writeHead(502);
          res.end(String(e));
        });
        up.end(body);
      })();
    });
  const servers = [await make("cse"), await make("gh")];
  return {
    urls: { cse: urlOf(servers[0] as Server), gh: urlOf(servers[1] as Server) },
    close: () => closeAll(servers),
  };
}

export interface ReplayServer extends Endpoints {
  /** response body bytes sent, and requests answered / not found, since the last reset */
  readonly sent: { bytes: number; requests: number; misses: number };
  reset(): void;
}

/** Serves recorded responses: one write of the recorded bytes per request; an unknown request is a 404 (a miss). */
export async function replayServer(recorded: readonly Recorded[]): Promise<ReplayServer> {
  const byKey = new Map(recorded.map((r) => [r.key, r]));
  const sent = { bytes: 0, requests: 0, misses: 0 };
  const make = (cluster: ClusterKey) =>
    listen((req, res) => {
      void readBody(req).then((body) => {
        const r = byKey.get(requestKey(cluster, req.method ?? "GET", req.url ?? "/", body));
        if (r === undefined) {
          sent.misses++;
          res.writeHead(404, { "content-type": "application/json" });
          res.end('{"error":{"code":"NotRecorded","message":"this request was not recorded"}}');
          return;
        }
        sent.requests++;
        sent.bytes += r.body.length;
        res.writeHead(r.status, { ...r.headers, "content-length": String(r.body.length) });
        res.end(r.body);
      });
    });
  const servers = [await make("cse"), await make("gh")];
  return {
    urls: { cse: urlOf(servers[0] as Server), gh: urlOf(servers[1] as Server) },
    sent,
    reset: () => {
      sent.bytes = 0;
      sent.requests = 0;
      sent.misses = 0;
    },
    close: () => closeAll(servers),
  };
}

/** Saves a recording: `index.json` (everything but the bodies) and `bodies.bin` (bodies back to back). */
export function saveRecording(dir: string, recorded: readonly Recorded[], meta: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  const index = recorded.map(({ body, ...r }) => ({ ...r, length: body.length }));
  writeFileSync(join(dir, "bodies.bin"), Buffer.concat(recorded.map((r) => r.body)));
  writeFileSync(join(dir, "index.json"), `${JSON.stringify({ meta, index })}\n`);
}

export function loadRecording(dir: string): { meta: Record<string, unknown>; recorded: Recorded[] } | undefined {
  if (!existsSync(join(dir, "index.json")) || !existsSync(join(dir, "bodies.bin"))) return undefined;
  const { meta, index } = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as {
    meta: Record<string, unknown>;
    index: (Omit<Recorded, "body"> & { length: number })[];
  };
  const bodies = readFileSync(join(dir, "bodies.bin"));
  let at = 0;
  const recorded = index.map(({ length, ...r }) => {
    const body = bodies.subarray(at, at + length);
    at += length;
    return { ...r, body };
  });
  return { meta, recorded };
}
