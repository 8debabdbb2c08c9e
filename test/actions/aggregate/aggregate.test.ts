import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { AGGREGATED_FILES, type Copilot } from "#core/aggregated/schemas.ts";
import { readSyncStatus, writeSyncStatus } from "#core/status.ts";
import { aggregate, computeRaw } from "../../../actions/aggregate/src/aggregate.ts";
import { openDuckEngine } from "../../../actions/aggregate/src/engine/duckdb.ts";
import { findDisclosures, type Published } from "../../harness/aggregate/differencing.ts";
import { FIXTURE_NOW, writeFixture } from "../../harness/aggregate/fixture.ts";
import { canonical, ORACLE_QUERIES, runOracle } from "../../harness/aggregate/oracle.ts";

const root = mkdtempSync(join(tmpdir(), "aggregate-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

async function world(seed: number, people: number): Promise<string> {
  const dir = join(root, `w${seq++}`);
  await writeFixture(dir, { seed, people, copilotDays: 21 });
  return dir;
}

function parse(files: ReadonlyMap<string, string>): Published {
  const get = (f: string) => JSON.parse(files.get(`${f}.json`) ?? "null");
  return {
    certifications: get("certifications"),
    exams: get("exams"),
    journey: get("journey"),
    skills: get("skills"),
    activity: get("activity"),
    kpis: get("kpis"),
    regions: get("regions"),
  };
}

describe("aggregate", () => {
  it("writes every file, schema-valid, byte-identical across runs and data-dir locations", async () => {
    const dir = await world(3, 400);
    const a = await aggregate(dir, { threads: 1 });
    const copy = join(root, "copy");
    cpSync(dir, copy, { recursive: true });
    const b = await aggregate(copy, { aceNow: "2030-01-01T00:00:00Z", threads: 1 });
    expect([...a.files.keys()].sort()).toEqual(AGGREGATED_FILES.map((f) => `${f}.json`).sort());
    expect(a.asOf).toBe(FIXTURE_NOW);
    for (const [name, text] of a.files) expect(b.files.get(name), name).toBe(text);
  });

  it("marks Copilot days not ready (never zero), including days the sync listed but did not write", async () => {
    const dir = await world(5, 30);
    const status = readSyncStatus(dir);
    const entry = status.datasets.copilot_daily;
    if (!entry) throw new Error("fixture has no copilot status");
    writeSyncStatus(dir, { copilot_daily: { ...entry, not_ready_days: ["2026-11-24"] } });
    const { files } = await aggregate(dir, { threads: 1 });
    const copilot = JSON.parse(files.get("copilot.json") ?? "{}") as Copilot;
    const day = copilot.days.find((d) => d.day === "2026-11-24");
    expect(day?.status).toBe("not_ready");
    expect(day?.daily_active_users).toEqual({ value: null, suppressed: false });
    for (const d of copilot.days.filter((x) => x.status === "not_ready")) expect(d.code_generations.value).toBeNull();
  });

  it("DuckDB and the streaming TypeScript oracle agree on a representative subset", async () => {
    const dir = await world(11, 600);
    const duck = await openDuckEngine(1);
    try {
      const { raw } = await computeRaw(duck, dir, undefined);
      const oracle = await runOracle(dir);
      for (const q of ORACLE_QUERIES) expect(canonical(raw[q]), q).toEqual(canonical(oracle[q]));
    } finally {
      duck.close();
    }
  });

  it("publishes nothing from which 1–4 people can be derived (random small worlds)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 150 }),
        async (seed, people) => {
          const { files } = await aggregate(await world(seed, people), { threads: 1 });
          expect(findDisclosures(parse(files))).toEqual([]);
        },
      ),
      { numRuns: 8, seed: 7 },
    );
  });
});
