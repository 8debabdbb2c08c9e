/**
 * Node side of the worker tests: stand-ins for the published site (GitHub Pages) on 127.0.0.1, serving whatever
 * files a test gives them, so the worker's live sync status can read `data/sync_status.json` and
 * `data/sync-run.json` over real HTTP. Driven through the control server of global-setup.ts:
 *   POST /site-start {files} → {id, url}; POST /site-files/:id {files} (replace); GET /site-hits/:id → {hits};
 *   POST /site-close/:id.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

interface Site {
  readonly server: Server;
  files: Record<string, string>;
  hits: number;
}

function parseFiles(text: string): Record<string, string> {
  const v = JSON.parse(text || "{}") as { files?: unknown };
  const out: Record<string, string> = {};
  if (typeof v.files === "object" && v.files !== null) {
    for (const [k, x] of Object.entries(v.files)) if (typeof x === "string") out[k.replace(/^\/+/, "")] = x;
  }
  return out;
}

export function siteDoubles() {
  const sites = new Map<string, Site>();
  let next = 0;
  const start = async (files: Record<string, string>): Promise<{ id: string; url: string }> => {
    const id = String(next++);
    const site: Site = {
      files,
      hits: 0,
      server: createServer((req, res) => {
        site.hits++;
        const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname).replace(/^\/+/, "");
        const text = site.files[path];
        if (text === undefined) res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        else res.writeHead(200, { "content-type": "application/json" }).end(text);
      }),
    };
    await new Promise<void>((resolve) => site.server.listen(0, "127.0.0.1", resolve));
    sites.set(id, site);
    return { id, url: `http://127.0.0.1:${(site.server.address() as AddressInfo).port}/` };
  };
  const stop = async (site: Site): Promise<void> => {
    site.server.closeAllConnections();
    await new Promise<void>((resolve) => site.server.close(() => resolve()));
  };
  return {
    /** [status, JSON answer] of one control verb */
    async handle(verb: string, id: string, body: string): Promise<[number, unknown]> {
      if (verb === "site-start") return [200, await start(parseFiles(body))];
      const site = sites.get(id);
      if (site === undefined) return [404, { error: "no such site" }];
      if (verb === "site-files") {
        site.files = parseFiles(body);
        return [200, { id }];
      }
      if (verb === "site-hits") return [200, { hits: site.hits }];
      if (verb === "site-close") {
        sites.delete(id);
        await stop(site);
        return [200, { closed: id }];
      }
      return [404, { error: "unknown site verb" }];
    },
    async close(): Promise<void> {
      await Promise.all([...sites.values()].map(stop));
      sites.clear();
    },
  };
}
