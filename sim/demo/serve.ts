/** A tiny static file server for the built site on 127.0.0.1 (respects the site's path prefix). */
import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
};

export interface StaticServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Resolves a request path under `root` (with `prefix` stripped), or undefined when it leaves the root. */
export function resolveFile(root: string, prefix: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return undefined;
  }
  if (!path.startsWith(prefix)) return undefined;
  const rel = normalize(`/${path.slice(prefix.length)}`);
  if (rel.split(sep).includes("..")) return undefined;
  const file = join(root, rel);
  try {
    return statSync(file).isDirectory() ? join(file, "index.html") : file;
  } catch {
    return file;
  }
}

export function serveStatic(root: string, opts: { port?: number; prefix?: string } = {}): Promise<StaticServer> {
  const prefix = opts.prefix ?? "/";
  const server: Server = createServer((req, res) => {
    const file = req.method === "GET" || req.method === "HEAD" ? resolveFile(root, prefix, req.url ?? "/") : undefined;
    let size = -1;
    try {
      if (file !== undefined) size = statSync(file).size;
    } catch {
      size = -1;
    }
    if (file === undefined || size < 0) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found\n");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": size,
      "cache-control": "no-store",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
