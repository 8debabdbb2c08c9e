/**
 * A tiny static file server for the built site on 127.0.0.1, serving it under a path prefix (tests, bench, screenshots),
 * with the headers GitHub Pages sends (gzip when accepted, `cache-control: max-age=600`).
 */
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
};

export interface Served {
  readonly server: Server;
  /** base URL including the prefix, ending in "/" */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveSite(root: string, prefix = "/"): Promise<Served> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end("not under prefix");
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    void (async () => {
      try {
        if ((await stat(file)).isDirectory()) file = join(file, "index.html");
        const body = await readFile(file);
        const type = TYPES[extname(file)] ?? "application/octet-stream";
        // like GitHub Pages: gzip for text when the client accepts it, and a 10-minute cache lifetime
        const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
        res
          .writeHead(200, {
            "content-type": type,
            "cache-control": "max-age=600",
            vary: "accept-encoding",
            ...(gzip ? { "content-encoding": "gzip" } : {}),
          })
          .end(gzip ? gzipSync(body) : body);
      } catch {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
