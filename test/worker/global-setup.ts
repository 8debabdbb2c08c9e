/**
 * Node side of the worker tests (vitest globalSetup): a small world, its committed-data twin (the world's goldens
 * written as CSVs, then `buildWorkerAssets` → worker/generated/assets), a default Kusto simulator for the worker's
 * bindings, and a loopback control server so tests inside workerd can start simulators with fault plans and read
 * their request logs: POST /start {faults?, limits?} → {id, cse, gh}; GET /requests/:id; POST /close/:id.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import "./provided.d.ts";
import { writeDataset } from "#core/csv.ts";
import { getSchema } from "#core/schema.ts";
import { type KustoSim, start } from "../../sim/kusto/index.ts";
import { loadUpstream } from "../../sim/kusto/upstream-schema.ts";
import { createWorld, DEMO } from "../../sim/world/index.ts";
import { buildWorkerAssets, DEFAULT_OUT } from "../../worker/build/assets.ts";
import { identityDoubles } from "./identity-doubles.ts";
import { siteDoubles } from "./site-double.ts";

export const TEST_API_TOKEN = "test-api-token-0123456789";

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      text += c;
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

type World = ReturnType<typeof createWorld>;

function column(cluster: string, table: string, name: string): number {
  const t = loadUpstream()
    .clusters.find((c) => c.name === cluster)
    ?.tables.find((x) => x.name === table);
  const i = t?.columns.findIndex((c) => c.name === name) ?? -1;
  if (i < 0) throw new Error(`no column ${cluster}/${table}.${name}`);
  return i;
}

/** A login with Pearson registrations. */
function pearsonLogin(world: World): string {
  const i = column("cse-analytics", "PearsonExamResults", "GitHubHandle");
  for (const row of world.kusto.rows("cse-analytics", "PearsonExamResults")) {
    const v = row[i];
    if (typeof v === "string" && v !== "") return v;
  }
  throw new Error("no Pearson registration with a login");
}

/** A login whose legacy person key has legacy registrations. */
function legacyLogin(world: World): string {
  const emails = new Set<string>();
  const e = column("gh-analytics", "ExamEligibility", "Email");
  for (const row of world.kusto.rows("gh-analytics", "ExamEligibility")) emails.add(String(row[e]).toLowerCase());
  const ue = column("gh-analytics", "Users", "Email");
  const ul = column("gh-analytics", "Users", "GitHubLogin");
  for (const row of world.kusto.rows("gh-analytics", "Users")) {
    const login = row[ul];
    if (typeof login === "string" && login !== "" && emails.has(String(row[ue]).toLowerCase())) return login;
  }
  throw new Error("no legacy registrant with a login");
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const world = createWorld({ people: 400, now: DEMO.now });
  const dataDir = mkdtempSync(join(tmpdir(), "ace-worker-data-"));
  for (const name of ["unified_users", "individual_exams"] as const) {
    await writeDataset(dataDir, getSchema(name), world.goldens.rows(name));
  }
  await buildWorkerAssets(dataDir, DEFAULT_OUT, new Date(DEMO.now));
  rmSync(dataDir, { recursive: true, force: true });

  const sims = new Map<string, KustoSim>();
  let next = 0;
  const launch = async (faults: unknown, limits: unknown): Promise<[string, KustoSim]> => {
    const sim = await start({
      world,
      faults: (faults ?? { faults: [] }) as Parameters<typeof start>[0]["faults"],
      ...(limits === undefined ? {} : { limits: limits as { maxRecords: number } }),
    });
    const id = String(next++);
    sims.set(id, sim);
    return [id, sim];
  };
  const [, main] = await launch(undefined, undefined);
  const sites = siteDoubles();
  const identity = await identityDoubles(world);

  const control = createServer((req, res) => {
    const reply = (status: number, value: unknown): void => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    };
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [, verb, id = "0"] = url.pathname.split("/");
    (async () => {
      if (verb === "start") {
        const opts = JSON.parse((await body(req)) || "{}") as { faults?: unknown; limits?: unknown };
        const [newId, sim] = await launch(opts.faults, opts.limits);
        return reply(200, { id: newId, cse: sim.clusters.cse, gh: sim.clusters.gh });
      }
      if (verb?.startsWith("site-")) return reply(...(await sites.handle(verb, id, await body(req))));
      const sim = sims.get(id);
      if (sim === undefined) return reply(404, { error: "no such simulator" });
      if (verb === "requests") return reply(200, sim.requests);
      if (verb === "close") {
        sims.delete(id);
        await sim.close();
        return reply(200, { closed: id });
      }
      return reply(404, { error: "unknown control verb" });
    })().catch((e: unknown) => reply(500, { error: String(e) }));
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));

  project.provide("controlPort", (control.address() as AddressInfo).port);
  project.provide("kustoCseUrl", main.clusters.cse.url);
  project.provide("kustoGhUrl", main.clusters.gh.url);
  project.provide("pearsonLogin", pearsonLogin(world));
  project.provide("legacyLogin", legacyLogin(world));
  project.provide("apiToken", TEST_API_TOKEN);
  project.provide("identity", identity.provided);

  return async () => {
    control.closeAllConnections();
    await new Promise<void>((resolve) => control.close(() => resolve()));
    await Promise.all([...sims.values()].map((s) => s.close()));
    await sites.close();
    await identity.close();
  };
}
