/**
 * Incremental extraction, as a property: for any sequence of nights (the world advancing between them), the
 * incremental sync — watermarks, weekly reconciliation — leaves byte-identical CSVs to a full export of the same
 * night, and says `unchanged` exactly when no byte changed. Plus the cases where the watermark must not be trusted.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PSEUDONYM_KEY } from "#core/pseudonym.ts";
import { runSync, silentReporter } from "../../../actions/sync-core/src/index.ts";
import { kustoSource } from "../../../actions/sync-kusto/src/source.ts";
import { KUSTO_STATE_PATH, readKustoState } from "../../../actions/sync-kusto/src/watermark.ts";
import { kustoEnv, start } from "../../../sim/kusto/index.ts";
import { createWorld } from "../../../sim/world/index.ts";
import { datasetText, lastDatasetFile } from "../../harness/data-files.ts";
import { cachedUpstream, KUSTO_DATASETS } from "../../harness/sync-kusto.ts";

const PEOPLE = 300;
const DAY = 86_400_000;
const dirs: string[] = [];
const tmp = (tag: string) => {
  const d = mkdtempSync(join(tmpdir(), `ace-incr-${tag}-`));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Syncs the Kusto datasets of the world as of `now` into `dataDir`; returns status per dataset and mode details. */
async function night(dataDir: string, now: Date, full: boolean) {
  const world = createWorld({ people: PEOPLE, now });
  const sim = await start({ world: { kusto: cachedUpstream(world.kusto) } });
  try {
    const report = await runSync({
      dataDir,
      sources: [kustoSource({ full })],
      now,
      env: { PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY, ...kustoEnv(sim), KUSTO_PARTITION_MONTHS: "24" },
      reporter: silentReporter(),
    });
    const queries = sim.requests.filter((r) => r.route === "kusto:query").length;
    return {
      status: Object.fromEntries(report.results.map((r) => [r.dataset, r.status])),
      mode: Object.fromEntries(report.results.map((r) => [r.dataset, String(r.details.mode)])),
      reason: Object.fromEntries(report.results.map((r) => [r.dataset, String(r.details.mode_reason ?? "")])),
      queries,
    };
  } finally {
    await sim.close();
  }
}

const csvs = (dir: string) => Object.fromEntries(KUSTO_DATASETS.map((d) => [d, datasetText(dir, d)]));

describe("incremental Kusto extraction", () => {
  it("equals a full export every night, for any sequence of nights (weekly reconciliation included)", async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.record({ days: fc.integer({ min: 0, max: 9 }), hour: fc.integer({ min: 0, max: 23 }) }), {
          minLength: 2,
          maxLength: 3,
        }),
        async (startDay, steps) => {
          const incr = tmp("i");
          let t = Date.parse("2026-07-20T02:00:00Z") + startDay * DAY;
          let previous: Record<string, string> | undefined;
          for (const [i, s] of [{ days: 0, hour: 2 }, ...steps].entries()) {
            t += s.days * DAY + (i === 0 ? 0 : (s.hour - 2) * 3_600_000);
            const now = new Date(t);
            const got = await night(incr, now, false);
            const full = tmp("f");
            await night(full, now, true);
            const want = csvs(full);
            expect(csvs(incr), `night ${now.toISOString()}`).toEqual(want);
            for (const d of KUSTO_DATASETS) {
              const same = previous !== undefined && previous[d] === want[d];
              expect(got.status[d], `${d} ${now.toISOString()}`).toBe(same ? "unchanged" : "ok");
            }
            if (i === 0) expect(Object.values(got.mode)).toEqual(KUSTO_DATASETS.map(() => "full"));
            for (const d of KUSTO_DATASETS) {
              const why = got.reason[d] ?? "";
              seen.add(`${got.mode[d]} ${got.status[d]} (${why.split(" ")[0]})`);
            }
            previous = want;
            rmSync(full, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 3, seed: 20, endOnFailure: true },
    );
    // the nights exercised merges that changed data, empty incremental nights and the weekly reconciliation
    const kinds = [...seen].sort();
    for (const k of ["incremental ok (since", "incremental unchanged (", "full ok (new", "full ok (weekly"])
      expect(
        kinds.some((s) => s.startsWith(k)),
        `${k} in ${kinds.join("; ")}`,
      ).toBe(true);
  }, 600_000);

  it("an unchanged night asks two small queries per extract, writes no byte, and says unchanged", async () => {
    const dir = tmp("u");
    const now = new Date("2026-11-24T02:00:00Z");
    await night(dir, now, false);
    const before = { ...csvs(dir), state: readFileSync(join(dir, KUSTO_STATE_PATH), "utf8") };
    // a minute later: nothing was ingested in the overlap hour before (this world's 02:00 is quiet)
    const again = await night(dir, new Date(now.getTime() + 60_000), false);
    expect(Object.values(again.mode)).toEqual(KUSTO_DATASETS.map(() => "incremental"));
    expect(Object.values(again.status)).toEqual(KUSTO_DATASETS.map(() => "unchanged"));
    // per extract: the overlap before the watermark (its digest must not have changed) and what came after it
    expect(again.queries).toBe(14);
    expect({ ...csvs(dir), state: readFileSync(join(dir, KUSTO_STATE_PATH), "utf8") }).toEqual(before);
  }, 120_000);

  it("distrusts the watermark: state missing or invalid, query text changed, committed file edited", async () => {
    const base = tmp("b");
    const now = new Date("2026-11-10T02:00:00Z");
    await night(base, now, false);
    const later = new Date(now.getTime() + DAY);
    const cases: [string, (dir: string) => void][] = [
      ["missing", (d) => rmSync(join(d, KUSTO_STATE_PATH))],
      ["invalid", (d) => writeFileSync(join(d, KUSTO_STATE_PATH), "{not json")],
      [
        "fingerprint",
        (d) => {
          const s = readKustoState(d);
          if (s === undefined || s === "invalid") throw new Error("no state");
          const datasets = Object.fromEntries(
            Object.entries(s.datasets).map(([k, v]) => [k, { ...v, fingerprint: "0".repeat(64) }]),
          );
          writeFileSync(join(d, KUSTO_STATE_PATH), JSON.stringify({ version: 1, datasets }));
        },
      ],
      [
        "edited",
        (d) => {
          const last = lastDatasetFile(d, "product_usage");
          writeFileSync(last, readFileSync(last, "utf8").split("\n").slice(0, -2).join("\n").concat("\n"));
        },
      ],
    ];
    const fullDir = tmp("bf");
    await night(fullDir, later, true);
    for (const [name, spoil] of cases) {
      const dir = tmp(name);
      cpSync(base, dir, { recursive: true });
      spoil(dir);
      const got = await night(dir, later, false);
      const spoiled = name === "edited" ? ["product_usage"] : [...KUSTO_DATASETS];
      for (const d of spoiled) expect(got.mode[d], `${name}: ${d}`).toBe("full");
      expect(csvs(dir), name).toEqual(csvs(fullDir));
    }
  }, 300_000);
});
