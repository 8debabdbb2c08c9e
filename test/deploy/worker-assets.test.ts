/**
 * The worker's Node-side pieces: its .kql files pass Microsoft's analyzer and the simulators' query contract on the
 * cluster each targets, and the asset build ships the sharded index and fallbacks but never a CSV.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeDataset } from "#core/csv.ts";
import { getSchema, REPO_ROOT } from "#core/schema.ts";
import { createAnalyzer } from "../../sim/kusto/analyzer.ts";
import { checkContract } from "../../sim/kusto/contract.ts";
import { loadUpstream } from "../../sim/kusto/upstream-schema.ts";
import { createWorld } from "../../sim/world/index.ts";
import { buildWorkerAssets } from "../../worker/build/assets.ts";
import { loginShard } from "../../worker/src/login.ts";

const QUERY_DIR = join(REPO_ROOT, "worker", "queries");
/** Which cluster each worker query runs against. */
const TARGET: Readonly<Record<string, string>> = {
  "person-pearson.kql": "cse-analytics",
  "metric-pearson-exams.kql": "cse-analytics",
  "person-users.kql": "gh-analytics",
  "person-eligibility.kql": "gh-analytics",
  "person-scheduling.kql": "gh-analytics",
  "person-results.kql": "gh-analytics",
  "metric-legacy-results.kql": "gh-analytics",
};

describe("worker queries", () => {
  it("every .kql passes the analyzer and the query contract on its cluster", () => {
    const files = readdirSync(QUERY_DIR).filter((f) => f.endsWith(".kql"));
    expect(files.sort()).toEqual(Object.keys(TARGET).sort());
    const upstream = loadUpstream();
    const analyzers = new Map(upstream.clusters.map((c) => [c.name, createAnalyzer(c.database, c.tables)]));
    for (const file of files) {
      const cluster = upstream.clusters.find((c) => c.name === TARGET[file]);
      const analyze = analyzers.get(TARGET[file] ?? "");
      if (cluster === undefined || analyze === undefined) throw new Error(`no cluster for ${file}`);
      const analysis = analyze(readFileSync(join(QUERY_DIR, file), "utf8"));
      expect(analysis.errors, file).toEqual([]);
      const contract = checkContract(analysis, cluster.tables);
      expect(contract.ok, `${file}: ${contract.ok ? "" : contract.message}`).toBe(true);
    }
  });

  it("uses the sync's vocabulary tables themselves, not a copy", async () => {
    const worker = await import("../../worker/src/vocab.ts");
    const sync = await import("#core/vocab.ts");
    expect(worker.PEARSON_STATUS).toBe(sync.PEARSON_STATUS);
    expect(worker.LEGACY_EXAM).toBe(sync.LEGACY_EXAM);
  });
});

describe("buildWorkerAssets", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("shards the per-person index by login hash and never ships CSVs", async () => {
    const world = createWorld({ people: 120 });
    const data = mkdtempSync(join(tmpdir(), "wi-data-"));
    const out = mkdtempSync(join(tmpdir(), "wi-out-"));
    dirs.push(data, out);
    for (const name of ["unified_users", "individual_exams"] as const) {
      await writeDataset(data, getSchema(name), world.goldens.rows(name));
    }
    const r = await buildWorkerAssets(data, out, world.now);
    expect(r.exams).toBeGreaterThan(0);
    const all = readdirSync(out, { recursive: true }).map(String);
    expect(all.some((f) => f.endsWith(".csv"))).toBe(false);
    expect(all).toContain(join("metrics", "exams-fy.json"));
    const shards = readdirSync(join(out, "_private", "exams"));
    expect(shards.length).toBe(r.shards);
    for (const s of shards) {
      const index = JSON.parse(readFileSync(join(out, "_private", "exams", s), "utf8")) as Record<string, unknown[]>;
      for (const login of Object.keys(index)) expect(`${loginShard(login)}.json`).toBe(s);
      expect(JSON.stringify(index)).not.toMatch(/user_id|exam_id|@/);
    }
  });
});
