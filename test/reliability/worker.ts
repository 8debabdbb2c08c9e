/**
 * The worker under load while Kusto goes down mid-run: wrangler dev against the Kusto simulator, concurrent requests
 * to every endpoint (metrics, sync status, many users' exams so most are cache misses); a third of the way in the
 * simulator is closed. Every response must still be 2xx (live data, then the committed fallback): 0 with 5xx.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDataset } from "#core/csv.ts";
import { DEFAULT_DATA_DIR, getSchema } from "#core/schema.ts";
import { startDevWorker } from "../../scripts/dev-worker.ts";
import { privateWranglerConfig } from "../../sim/demo/pipeline.ts";
import { kustoEnv, start } from "../../sim/kusto/index.ts";
import { createWorld, DEMO } from "../../sim/world/index.ts";
import { buildWorkerAssets } from "../../worker/build/assets.ts";
import { METRIC_NAMES } from "../../worker/src/metrics.ts";
import type { CaseResult } from "./kit.ts";

const TOKEN = "reliability-api-token";

export async function workerKustoDown(total = 600, concurrency = 16): Promise<CaseResult[]> {
  const scratch = mkdtempSync(join(tmpdir(), "ace-rel-worker-"));
  const world = createWorld({ scale: "S" });
  const sim = await start({ world });
  let simOpen = true;
  const logins: string[] = [];
  for await (const u of readDataset(DEFAULT_DATA_DIR, getSchema("unified_users")))
    if (typeof u.github_login === "string" && u.github_login !== "") logins.push(u.github_login);
  const { config, assets } = privateWranglerConfig(scratch);
  await buildWorkerAssets(DEFAULT_DATA_DIR, assets, new Date(DEMO.now));
  const worker = await startDevWorker(
    {
      ...kustoEnv(sim),
      API_TOKEN: TOKEN,
      ACE_NOW: DEMO.now,
      KUSTO_TIMEOUT_MS: "1500",
    },
    { quiet: true, config },
  );
  const paths = [
    "api/metrics/sync-status",
    ...METRIC_NAMES.map((m) => `api/metrics/${m}`),
    ...logins.map((l) => `api/users/${l}/exams`),
  ];
  const statuses = new Map<number, number>();
  let next = 0;
  try {
    const one = async (): Promise<void> => {
      for (let i = next++; i < total; i = next++) {
        if (i === Math.floor(total / 3) && simOpen) {
          simOpen = false;
          await sim.close();
        }
        const path = paths[i % paths.length] ?? "";
        let status = 0;
        try {
          const res = await fetch(`${worker.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
          await res.arrayBuffer();
          status = res.status;
        } catch {
          status = 599; // no answer at all counts as a failure
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, one));
  } finally {
    await worker.close();
    if (simOpen) await sim.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  const bad = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const summary = [...statuses].map(([s, c]) => `${c}×${s}`).join(", ");
  return [
    {
      group: "scenario",
      name: "worker under load, Kusto down mid-run",
      imitates: "a cluster outage while the dashboard is being read",
      injected: 1,
      survived: bad === 0,
      bytesChanged: 0,
      wrongStatus: 0,
      outcome: `${total} requests: ${summary}; ${bad} with 5xx`,
    },
  ];
}
