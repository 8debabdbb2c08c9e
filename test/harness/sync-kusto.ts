/**
 * Test and bench harness: the demo world (scale S by default) behind the Kusto simulator, with each upstream table
 * materialized once (the world recomputes every person per query; tests issue hundreds of window queries).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDataset } from "#core/csv.ts";
import { DEMO_PSEUDONYM_KEY } from "#core/pseudonym.ts";
import { getSchema } from "#core/schema.ts";
import { KUSTO_DATASETS } from "../../actions/sync-kusto/src/normalize/index.ts";
import type { RetryPolicy } from "../../actions/sync-kusto/src/retry.ts";
import type { FaultPlanInput } from "../../sim/faults/plan.ts";
import { type KustoSim, kustoEnv, type Limits, start } from "../../sim/kusto/index.ts";
import { loadUpstream } from "../../sim/kusto/upstream-schema.ts";
import { createWorld, type World } from "../../sim/world/index.ts";
import { inIngestion } from "../../sim/world/kusto.ts";
import type { KustoRow, KustoUpstream, KustoWindow } from "../../sim/world/types.ts";

export { KUSTO_DATASETS } from "../../actions/sync-kusto/src/normalize/index.ts";

/** A KustoUpstream that serves the same rows as `inner`, computed once per table (window filters only). */
export function cachedUpstream(inner: KustoUpstream): KustoUpstream {
  const upstream = loadUpstream();
  const tables = new Map<string, { rows: KustoRow[]; time: number; width: number }>();
  return {
    rows(cluster: string, table: string, window: KustoWindow = {}): Iterable<KustoRow> {
      if (window.person) return inner.rows(cluster, table, window);
      const key = `${cluster}/${table}`;
      let t = tables.get(key);
      if (!t) {
        const def = upstream.clusters.find((c) => c.name === cluster)?.tables.find((x) => x.name === table);
        const time = def ? def.columns.findIndex((c) => c.name === def.timeColumn) : -1;
        t = {
          rows: [...inner.rows(cluster, table, { withIngestionTime: true })],
          time,
          width: def?.columns.length ?? 0,
        };
        tables.set(key, t);
      }
      const { rows, time, width } = t;
      const s = window.start?.getTime() ?? Number.NEGATIVE_INFINITY;
      const e = window.end?.getTime() ?? Number.POSITIVE_INFINITY;
      return rows.filter((r) => {
        const v = r[time];
        return v instanceof Date && v.getTime() >= s && v.getTime() < e && inIngestion(r[width], window);
      });
    },
  };
}

let demo: { world: World; kusto: KustoUpstream } | undefined;

/** The demo world (seed 7, scale S, ACE_NOW 2026-11-24T02:00:00Z), created once per process. */
export function demoWorld(): { world: World; kusto: KustoUpstream } {
  if (!demo) {
    const world = createWorld();
    demo = { world, kusto: cachedUpstream(world.kusto) };
  }
  return demo;
}

export interface Harness {
  readonly sim: KustoSim;
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startSim(
  faults?: FaultPlanInput,
  limits?: Partial<Limits>,
  auth?: { token: string },
): Promise<Harness> {
  const { world, kusto } = demoWorld();
  const sim = await start({
    world: { kusto },
    ...(faults ? { faults } : {}),
    ...(limits ? { limits } : {}),
    ...(auth ? { auth } : {}),
  });
  const env: NodeJS.ProcessEnv = {
    PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY,
    ACE_NOW: world.now.toISOString(),
    ...kustoEnv(sim),
  };
  return { sim, env, close: () => sim.close() };
}

/** Writes the goldens of `datasets` into a new temporary data directory. */
export async function goldenDir(datasets: readonly string[] = KUSTO_DATASETS): Promise<string> {
  const { world } = demoWorld();
  const dir = mkdtempSync(join(tmpdir(), "ace-sync-"));
  for (const d of datasets) {
    await writeDataset(dir, getSchema(d), world.goldens.rows(d as Parameters<World["goldens"]["rows"]>[0]));
  }
  return dir;
}

/** A retry policy on a fake clock: waits are recorded and advance the clock, nothing really sleeps. */
export function fakeRetry(budgetMs = 60_000): { policy: Partial<RetryPolicy>; waits: number[] } {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    policy: {
      maxAttempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 30_000,
      budgetMs,
      now: () => t,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
        t += ms;
      },
    },
  };
}
