/**
 * The aggregate action's main.ts as a workflow step runs it (mocked @actions/core): on a copy of the committed data
 * it writes the committed aggregated files again and reports them in its outputs; bad input fails the step once.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AGGREGATED_FILES } from "#core/aggregated/schemas.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { run } from "../../../actions/aggregate/src/main.ts";
import { kustoEnv, start } from "../../../sim/kusto/index.ts";
import { actionInputs } from "../../harness/actions-core.ts";
import { createFixtureUpstream } from "../../harness/sim-kusto/fixture.ts";

vi.mock("@actions/core", async () => (await import("../../harness/actions-core.ts")).core);

const root = mkdtempSync(join(tmpdir(), "ace-aggregate-main-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

/** A copy of the committed data/ without its aggregated files. */
function committedData(): string {
  const dir = join(root, `data${seq++}`);
  cpSync(join(REPO_ROOT, "data"), dir, { recursive: true });
  rmSync(join(dir, "aggregated"), { recursive: true });
  return dir;
}

beforeEach(() => {
  vi.stubEnv("ACE_NOW", "");
  return () => vi.unstubAllEnvs();
});

describe("aggregate main.ts", () => {
  it("writes the committed aggregated files from the committed data and lists them in its outputs", async () => {
    const dir = committedData();
    const io = actionInputs({ "data-dir": dir, "ace-now": "" });
    await run();
    expect(io.failed).toEqual([]);
    const files = AGGREGATED_FILES.map((f) => join(dir, "aggregated", `${f}.json`));
    expect(io.outputs.files?.split(",").sort()).toEqual([...files].sort());
    for (const f of AGGREGATED_FILES) {
      const got = readFileSync(join(dir, "aggregated", `${f}.json`), "utf8");
      const want = readFileSync(join(REPO_ROOT, "data", "aggregated", `${f}.json`), "utf8");
      expect(got === want, `${f}.json differs from the committed one`).toBe(true);
    }
    const asOf = io.outputs["as-of"] ?? "";
    expect(Date.parse(asOf)).not.toBeNaN();
    expect(io.outputs.flags).toBe("");
    expect(io.warnings).toEqual([]);
    expect(io.infos).toEqual([`wrote ${files.length} files as of ${asOf}`]);
  });

  it("from no data at all: still writes every file, flagged missing, and warns once", async () => {
    const dir = join(root, "empty");
    const io = actionInputs({ "data-dir": dir, "ace-now": "2026-11-24T02:00:00Z" });
    await run();
    expect(io.failed).toEqual([]);
    expect(io.outputs["as-of"]).toBe("2026-11-24T02:00:00Z");
    expect(io.outputs.files?.split(",")).toHaveLength(AGGREGATED_FILES.length);
    expect(io.outputs.flags).toBe("missing");
    expect(io.warnings).toEqual(["aggregates computed from missing inputs (the site shows this)"]);
    const kpis = JSON.parse(readFileSync(join(dir, "aggregated", "kpis.json"), "utf8"));
    expect(kpis.flags.missing).toBe(true);
  });

  it("fails the step once, with no outputs, on an ace-now that is not a datetime", async () => {
    const io = actionInputs({ "data-dir": join(root, "nowhere"), "ace-now": "yesterday" });
    await run();
    expect(io.failed).toEqual(['ACE_NOW="yesterday" is not an ISO datetime']);
    expect(io.outputs).toEqual({});
  });

  it("engine kusto without the aggregate database's variables fails once, naming them", async () => {
    vi.stubEnv("KUSTO_AGG_URL", "");
    vi.stubEnv("KUSTO_AGG_DATABASE", "");
    const io = actionInputs({ "data-dir": committedData(), "ace-now": "", engine: "kusto" });
    await run();
    expect(io.failed).toHaveLength(1);
    expect(io.failed[0]).toMatch(/^the Kusto engine \(--engine kusto\) needs KUSTO_AGG_URL and KUSTO_AGG_DATABASE: /);
    expect(io.outputs).toEqual({});
  });

  it("an unknown engine fails once, listing the engines", async () => {
    const io = actionInputs({ "data-dir": join(root, "nowhere"), "ace-now": "", engine: "spark" });
    await run();
    expect(io.failed).toEqual(['input engine "spark": expected one of duckdb, kusto']);
  });

  it("engine kusto: the committed aggregated files again, read from the aggregate database the environment names", async () => {
    const dir = committedData();
    const sim = await start({ world: { kusto: createFixtureUpstream({ rows: 1 }) }, aggregateDataDir: dir });
    try {
      for (const [name, value] of Object.entries(kustoEnv(sim))) vi.stubEnv(name, value);
      const io = actionInputs({ "data-dir": dir, "ace-now": "", engine: "kusto" });
      await run();
      expect(io.failed).toEqual([]);
      for (const f of AGGREGATED_FILES) {
        const got = readFileSync(join(dir, "aggregated", `${f}.json`), "utf8");
        const want = readFileSync(join(REPO_ROOT, "data", "aggregated", `${f}.json`), "utf8");
        expect(got === want, `${f}.json differs from the committed one`).toBe(true);
      }
    } finally {
      await sim.close();
    }
  });
});
