/**
 * The ORACLE of the Kusto engine: the Kusto simulator is started in-process with its aggregate database loaded from a
 * data directory, the aggregate runs once with `engine: "duckdb"` and once with `engine: "kusto"` (the real
 * azure-kusto-data client, kql/*.kql, the as-of as a query parameter) into two copies of that directory, and every
 * data/aggregated/*.json must be byte-identical — on the committed data/ (scale S) and on small random worlds (small
 * cells, null scores, unlinked logins). The engines' rows are compared first, query by query, to name a difference.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AGGREGATED_FILES } from "#core/aggregated/schemas.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { aggregate, writeAggregated } from "../../../actions/aggregate/src/aggregate.ts";
import { QUERIES } from "../../../actions/aggregate/src/engine/types.ts";
import { kustoEnv, start } from "../../../sim/kusto/index.ts";
import { writeFixture } from "../../harness/aggregate/fixture.ts";
import { createFixtureUpstream } from "../../harness/sim-kusto/fixture.ts";

const root = mkdtempSync(join(tmpdir(), "aggregate-kusto-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ACE_NOW = "2026-11-24T02:00:00Z";

/** Two copies of `source` without aggregated files (one per engine). */
function copies(name: string, source: string): { duck: string; kusto: string } {
  const out = { duck: join(root, `${name}-duckdb`), kusto: join(root, `${name}-kusto`) };
  for (const dir of Object.values(out)) {
    cpSync(source, dir, { recursive: true });
    rmSync(join(dir, "aggregated"), { recursive: true, force: true });
  }
  return out;
}

async function bothEngines(name: string, source: string, solverCheck = true): Promise<void> {
  const dirs = copies(name, source);
  const sim = await start({ world: { kusto: createFixtureUpstream({ rows: 1 }) }, aggregateDataDir: dirs.kusto });
  try {
    const duck = await aggregate(dirs.duck, { aceNow: ACE_NOW, engine: "duckdb", threads: 1, solverCheck });
    const kusto = await aggregate(dirs.kusto, { aceNow: ACE_NOW, engine: "kusto", env: kustoEnv(sim), solverCheck });
    expect(kusto.asOf).toBe(duck.asOf);
    for (const q of QUERIES) expect(kusto.raw[q], `${name}: ${q} rows`).toEqual(duck.raw[q]);
    writeAggregated(dirs.duck, duck.files);
    writeAggregated(dirs.kusto, kusto.files);
  } finally {
    await sim.close();
  }
  for (const f of AGGREGATED_FILES) {
    const a = readFileSync(join(dirs.duck, "aggregated", `${f}.json`));
    const b = readFileSync(join(dirs.kusto, "aggregated", `${f}.json`));
    expect(a.equals(b), `${name}: aggregated/${f}.json differs between the engines`).toBe(true);
  }
}

describe("--engine kusto writes the same aggregated files as --engine duckdb", () => {
  it("on the committed data/ (scale S)", async () => {
    await bothEngines("committed", join(REPO_ROOT, "data"));
  });

  // the engines' rows are the whole difference; the solver's check of the suppression (shared code, seconds on worlds
  // this small and cell-dense) is left to the committed data above
  it("on small random worlds (small cells, nulls, unlinked logins)", async () => {
    for (const seed of [3, 17]) {
      const dir = join(root, `world${seed}`);
      await writeFixture(dir, { seed, people: 120, copilotDays: 10 });
      await bothEngines(`world${seed}`, dir, false);
    }
  });
});
