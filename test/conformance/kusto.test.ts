/**
 * Kusto conformance (issue 14): every case of kusto-cases.ts, replayed on 127.0.0.1, through both real client paths:
 * - the sync: azure-kusto-data (raw) → the shared frame reader → extract windows (retries, splits) → the
 *   learning_activity normalizer → dataset rows, or the error class that makes the dataset refused / failed;
 * - the worker: its fetch client (worker/src/kusto/client.ts, run here in Node) → the same shared reader → typed rows,
 *   or the KustoError kind that makes it fall back.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_PSEUDONYM_KEY, pseudonym } from "#core/pseudonym.ts";
import { connect } from "../../actions/sync-kusto/src/client.ts";
import type { KustoConfig } from "../../actions/sync-kusto/src/config.ts";
import { readQuery } from "../../actions/sync-kusto/src/config.ts";
import type { ExtractStats } from "../../actions/sync-kusto/src/extract.ts";
import { datasetRows } from "../../actions/sync-kusto/src/feed.ts";
import { DEFAULT_RETRY, Retrier } from "../../actions/sync-kusto/src/retry.ts";
import { kustoQuery } from "../../worker/src/kusto/client.ts";
import { KustoError } from "../../worker/src/kusto/errors.ts";
import { AUTH_METADATA, CASES, EMPTY, type KustoCase, ok, query } from "./kusto-cases.ts";
import { type ReplayServer, startReplay } from "./replay.ts";

const NOW = new Date("2026-11-24T02:00:00Z");
const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function replay(...args: Parameters<typeof startReplay>): Promise<ReplayServer> {
  const s = await startReplay(...args);
  servers.push(s);
  return s;
}

function config(origin: string): KustoConfig {
  const cluster = (name: string, database: string) => ({ name, url: origin, database, urlEnv: "-", databaseEnv: "-" });
  return {
    clusters: { cse: cluster("cse-analytics", "ACE"), gh: cluster("gh-analytics", "ace") },
    // two windows: [2000-01-01, 2026-11-01) answered by the case, [2026-11-01, 2026-12-01) by an empty result
    partitions: { before: "2000-01-01T00:00:00Z", start: "2026-11-01T00:00:00Z" },
    incremental: { overlapMinutes: 60, fullEveryDays: 7 },
    request: { serverTimeoutMs: 10_000, maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 30_000, budgetMs: 600_000 },
    extracts: {
      learning_events: { cluster: "gh", table: "LearningEvents", query: "queries/learning_events.kql", months: 1 },
    },
  };
}

/** The sync's path for one case: rows of learning_activity, or the error; the retrier's waits (fake clock). */
async function viaSync(c: KustoCase): Promise<{ rows: unknown[]; error?: Error; waits: number[] }> {
  const server = await replay([AUTH_METADATA, ...c.responses.map(query), query(ok(EMPTY))]);
  const cfg = config(server.origin);
  const client = connect({ url: server.origin, database: "ace", serverTimeoutMs: 10_000 });
  const waits: number[] = [];
  let t = 0;
  const retrier = new Retrier({
    ...DEFAULT_RETRY,
    ...cfg.request,
    now: () => t,
    random: () => 1,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
  });
  const stats: ExtractStats = { requests: 0, partitions: 0, splits: 0, rows: 0, bytes: 0 };
  const rows: unknown[] = [];
  try {
    const env = {
      config: cfg,
      query: () => client,
      readQuery,
      retrier,
      now: NOW,
      stats,
      log: () => undefined,
      pseudonymKey: DEMO_PSEUDONYM_KEY,
    };
    for await (const r of datasetRows(env, "learning_activity")) rows.push(r);
    return { rows, waits };
  } catch (e) {
    return { rows, error: e instanceof Error ? e : new Error(String(e)), waits };
  } finally {
    client.close();
    expect(server.unmatched()).toEqual([]);
  }
}

/** The worker's path for one case: typed rows, or the KustoError kind. */
async function viaWorker(c: KustoCase): Promise<{ rows?: unknown[]; kind?: string; message?: string }> {
  const server = await replay(c.responses.slice(0, 1).map(query));
  try {
    const table = await kustoQuery(
      { url: server.origin, database: "ace" },
      readQuery("queries/learning_events.kql"),
      { window_start: "datetime(2000-01-01T00:00:00.000Z)", window_end: "datetime(2026-11-01T00:00:00.000Z)" },
      {
        signal: AbortSignal.timeout(20_000),
        tokenConfig: { tenantId: "", clientId: "", clientSecret: undefined, authorityHost: "https://login.invalid" },
        fetch: (input, init) => fetch(input, init),
        now: () => NOW.getTime(),
        timeoutMs: 10_000,
      },
    );
    expect(table.columns.map((col) => `${col.name}:${col.type}`)).toEqual([
      "Email:string",
      "Timestamp:datetime",
      "ItemId:string",
      "ItemType:string",
      "Completed:bool",
    ]);
    return { rows: [...table.rows] };
  } catch (e) {
    if (e instanceof KustoError) return { kind: e.kind, message: e.message };
    throw e;
  }
}

const uid = (email: string) => pseudonym(DEMO_PSEUDONYM_KEY, email);

/** learning_activity from LEARNING_ROWS: one row per person × day × item, completed when any event completed it. */
const DATASET_ROWS = [
  { user_id: uid("ada@example.test"), date: "2026-10-02", item_id: "mod-101", item_type: "module", completed: true },
  { user_id: uid("bo@example.test"), date: "2026-10-05", item_id: "path-7", item_type: "path", completed: false },
];

const TYPED_ROWS = [
  {
    Email: "ada@example.test",
    Timestamp: new Date("2026-10-02T09:15:00Z"),
    ItemId: "mod-101",
    ItemType: "Module",
    Completed: false,
  },
  {
    Email: "ada@example.test",
    Timestamp: new Date("2026-10-02T17:40:12.500Z"),
    ItemId: "mod-101",
    ItemType: "Module",
    Completed: true,
  },
  {
    Email: "bo@example.test",
    Timestamp: new Date("2026-10-05T00:00:00Z"),
    ItemId: "path-7",
    ItemType: "LearningPath",
    Completed: null,
  },
];

describe("Kusto conformance: the sync (azure-kusto-data → frames → extract → normalize)", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await viaSync(c);
      if (c.sync === "rows") {
        expect(r.error?.message).toBeUndefined();
        expect(r.rows).toEqual(DATASET_ROWS);
      } else {
        expect(r.error?.constructor.name).toBe(c.sync.error);
        expect(r.error?.message).toMatch(c.sync.message);
        expect(r.rows).toEqual([]);
      }
      if (c.waits !== undefined) expect(r.waits).toEqual(c.waits);
      // no upstream text is quoted: our own bodies' words never reach a message
      expect(r.error?.message ?? "").not.toMatch(/upstream-secret|proxy says|Low memory condition|internal record/);
    });
  }
});

describe("Kusto conformance: the worker (fetch client → frames → typed rows)", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await viaWorker(c);
      if (c.worker === "rows") expect(r).toEqual({ rows: TYPED_ROWS });
      else {
        expect(r.kind).toBe(c.worker);
        expect(r.message ?? "").not.toMatch(/upstream-secret|proxy says|Low memory condition|internal record/);
      }
    });
  }
});
