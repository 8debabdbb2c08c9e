/**
 * The Kusto sync against the simulator serving the demo world (scale S): every fault of issue 4's Done-when leaves
 * the committed CSV byte-identical and the status truthful; retries never really wait (fake clock).
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSyncStatus } from "#core/status.ts";
import { runSync, type SyncReport, silentReporter } from "../../../actions/sync-core/src/index.ts";
import { statusReason } from "../../../actions/sync-core/src/reasons.ts";
import { readQuery } from "../../../actions/sync-kusto/src/config.ts";
import { kustoSource } from "../../../actions/sync-kusto/src/source.ts";
import type { FaultPlanInput } from "../../../sim/faults/plan.ts";
import type { Limits } from "../../../sim/kusto/index.ts";
import { datasetText } from "../../harness/data-files.ts";
import { fakeRetry, goldenDir, startSim } from "../../harness/sync-kusto.ts";

let template: string;
const dirs: string[] = [];

beforeAll(async () => {
  template = await goldenDir(["learning_activity", "product_usage", "individual_exams"]);
});
afterAll(() => {
  for (const d of [template, ...dirs]) rmSync(d, { recursive: true, force: true });
});

interface Run {
  report: SyncReport;
  dir: string;
  waits: number[];
  before: string;
  after: () => string;
  lines: string[];
}

async function sync(opts: {
  faults?: FaultPlanInput;
  limits?: Partial<Limits>;
  datasets?: string[];
  budgetMs?: number;
  allowShrink?: boolean;
  auth?: boolean;
  query?: (file: string) => string;
}): Promise<Run> {
  const h = await startSim(opts.faults, opts.limits, opts.auth ? { token: "secret-token" } : undefined);
  const dir = mkdtempSync(join(tmpdir(), "ace-kusto-"));
  dirs.push(dir);
  cpSync(template, dir, { recursive: true });
  const before = datasetText(dir, "learning_activity");
  const { policy, waits } = fakeRetry(opts.budgetMs);
  const lines: string[] = [];
  try {
    const report = await runSync({
      dataDir: dir,
      sources: [kustoSource({ retry: policy, ...(opts.query ? { readQuery: opts.query } : {}) })],
      datasets: opts.datasets ?? ["learning_activity"],
      now: new Date(String(h.env.ACE_NOW)),
      env: { ...h.env, KUSTO_PARTITION_MONTHS: "24" },
      reporter: silentReporter(lines),
      allowShrink: opts.allowShrink ?? false,
    });
    return { report, dir, waits, before, after: () => datasetText(dir, "learning_activity"), lines };
  } finally {
    await h.close();
  }
}

const only = (r: Run) => {
  const [first] = r.report.results;
  if (!first) throw new Error("no result");
  return first;
};

describe("Kusto sync under faults (committed CSV unchanged, status truthful)", () => {
  it("retries a 429 after the service's Retry-After and succeeds", async () => {
    const r = await sync({
      faults: { faults: [{ route: "kusto:query", nth: [1], kind: "status", status: 429, retryAfter: 2 }] },
    });
    expect(only(r).status).toBe("unchanged");
    expect(r.waits).toEqual([2000]);
    expect(only(r).details.retries).toBe(1);
    expect(r.after()).toBe(r.before);
    expect(r.report.exitCode).toBe(0);
  });

  it("fails when 429 persists beyond the time budget", async () => {
    const r = await sync({
      faults: { faults: [{ route: "kusto:query", kind: "status", status: 429, retryAfter: 20 }] },
      budgetMs: 45_000,
    });
    expect(only(r).status).toBe("failed");
    expect(only(r).message).toMatch(/budget of 45 s exhausted/);
    expect(r.waits).toEqual([20_000, 20_000]);
    expect(r.after()).toBe(r.before);
    expect(readSyncStatus(r.dir).datasets.learning_activity).toMatchObject({
      status: "failed",
      error: statusReason(only(r).message),
    });
    expect(r.report.exitCode).toBe(1);
  });

  for (const fault of [
    { kind: "status", status: 500 },
    { kind: "status", status: 504 },
    { kind: "reset", afterBytes: 300 },
    { kind: "truncate", afterBytes: 300 },
    { kind: "non-json" },
  ] as const) {
    it(`retries ${JSON.stringify(fault)} and succeeds`, async () => {
      const r = await sync({ faults: { faults: [{ route: "kusto:query", nth: [2], ...fault }] } });
      expect(only(r).status, only(r).message).toBe("unchanged");
      expect(r.waits).toHaveLength(1);
      expect(r.after()).toBe(r.before);
    });
  }

  it("fails after bounded attempts when the body is never JSON", async () => {
    const r = await sync({ faults: { faults: [{ route: "kusto:query", kind: "non-json" }] } });
    expect(only(r).status).toBe("failed");
    expect(only(r).message).toMatch(/gave up after 5 attempts.*not a Kusto v2 frame array/);
    expect(r.after()).toBe(r.before);
  });

  it("refuses HasErrors", async () => {
    const r = await sync({ faults: { faults: [{ route: "kusto:query", nth: [3], kind: "has-errors" }] } });
    expect(only(r).status).toBe("refused");
    expect(only(r).message).toMatch(/partial failure/);
    expect(r.after()).toBe(r.before);
    expect(readSyncStatus(r.dir).datasets.learning_activity?.status).toBe("refused");
  });

  it("refuses an inline OneApiErrors row (which the node client does not raise)", async () => {
    const r = await sync({
      faults: { faults: [{ route: "kusto:query", nth: [3], kind: "inline-error", afterRows: 5 }] },
    });
    expect(only(r).status).toBe("refused");
    expect(only(r).message).toMatch(/inline row error|partial failure/);
    expect(r.after()).toBe(r.before);
  });

  it("refuses a query cancelled midway (DataSetCompletion.Cancelled, HasErrors false)", async () => {
    const r = await sync({ faults: { faults: [{ route: "kusto:query", nth: [2], kind: "cancelled", afterRows: 3 }] } });
    expect(only(r).status).toBe("refused");
    expect(only(r).message).toMatch(/cancelled midway/);
    expect(r.waits).toEqual([]);
    expect(r.after()).toBe(r.before);
  });

  it("reads column types sent as SDK aliases (date, boolean…) as no drift: identical data", async () => {
    const r = await sync({ faults: { faults: [{ route: "kusto:query", kind: "type-alias" }] } });
    expect(only(r).status, only(r).message).toBe("unchanged");
    expect(r.after()).toBe(r.before);
  });

  it("retries a text/plain 503 and fails fast on a text/plain 400, never quoting the body", async () => {
    const retried = await sync({ faults: { faults: [{ route: "kusto:query", nth: [2], kind: "text-error" }] } });
    expect(only(retried).status, only(retried).message).toBe("unchanged");
    expect(retried.waits).toHaveLength(1);
    const secret = "upstream-text-7f3a";
    const r = await sync({
      faults: { faults: [{ route: "kusto:query", kind: "text-error", status: 400, message: secret }] },
    });
    expect(only(r).status).toBe("failed");
    expect(only(r).message).toMatch(/HTTP 400: non-JSON error body \(text\/plain, 18 characters, not quoted\)/);
    expect(only(r).message).not.toContain(secret);
    expect(JSON.stringify(readSyncStatus(r.dir))).not.toContain(secret);
    expect(r.waits).toEqual([]);
    expect(r.after()).toBe(r.before);
  });

  it("splits a truncated partition adaptively and still produces identical data", async () => {
    const r = await sync({ limits: { maxRecords: 1500 } });
    expect(only(r).status, only(r).message).toBe("unchanged");
    expect(Number(only(r).details.splits)).toBeGreaterThan(0);
    expect(r.after()).toBe(r.before);
  });

  it("refuses schema drift with both column lists", async () => {
    const r = await sync({
      faults: { faults: [{ route: "kusto:query", kind: "drift", change: "rename", column: "ItemType", to: "Kind" }] },
    });
    expect(only(r).status).toBe("refused");
    expect(only(r).message).toMatch(/schema drift.*Kind:string.*ItemType:string/);
    expect(r.after()).toBe(r.before);
  });

  it("refuses an empty result by the shrink guard, and accepts it with --allow-shrink", async () => {
    const faults = { faults: [{ route: "kusto:query", kind: "empty" as const }] };
    const r = await sync({ faults });
    expect(only(r).status).toBe("refused");
    expect(only(r).message).toMatch(/shrink from \d+ to 0 .*--allow-shrink/);
    expect(r.after()).toBe(r.before);
    const allowed = await sync({ faults, allowShrink: true });
    expect(only(allowed).status).toBe("ok");
    expect(only(allowed).rows).toBe(0);
  });

  it("fails fast on a 400 semantic error with the service's message (quoted names scrubbed)", async () => {
    const r = await sync({
      query: (f) => (f.includes("learning_events") ? readQuery(f).replace("ItemType,", "ItemKind,") : readQuery(f)),
    });
    expect(only(r).status).toBe("failed");
    expect(only(r).message).toMatch(/HTTP 400: Semantic error: KS142: The name \(value\) does not refer/);
    expect(r.waits).toEqual([]);
    expect(r.after()).toBe(r.before);
  });

  it("fails fast on 401", async () => {
    const r = await sync({ auth: true });
    expect(only(r).status).toBe("failed");
    expect(only(r).message).toMatch(/HTTP 401/);
    expect(r.waits).toEqual([]);
    expect(r.after()).toBe(r.before);
  });

  it("keeps datasets independent: a refused one does not stop the next", async () => {
    const r = await sync({
      datasets: ["learning_activity", "product_usage"],
      faults: {
        faults: [{ route: "kusto:query", kind: "drift", change: "drop", column: "ItemType", table: "LearningEvents" }],
      },
    });
    expect(r.report.results.map((x) => [x.dataset, x.status])).toEqual([
      ["product_usage", "unchanged"],
      ["learning_activity", "refused"],
    ]);
    expect(r.report.exitCode).toBe(1);
    expect(r.lines.some((l) => l.startsWith("error: learning_activity refused"))).toBe(true);
  });
});
