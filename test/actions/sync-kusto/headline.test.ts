/**
 * Done-when headline: against the simulator serving the demo world (scale S), the Kusto sync into an empty data
 * directory reproduces the goldens of the five Kusto datasets (and the derived journey) byte for byte; the next run
 * reports `unchanged` everywhere and changes no committed byte.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { statusPath } from "#core/status.ts";
import { journeySource } from "../../../actions/derive-journey/src/source.ts";
import { runSync, silentReporter } from "../../../actions/sync-core/src/index.ts";
import { kustoSource } from "../../../actions/sync-kusto/src/source.ts";
import { datasetPaths, datasetText } from "../../harness/data-files.ts";
import { goldenDir, type Harness, KUSTO_DATASETS, startSim } from "../../harness/sync-kusto.ts";

const DATASETS = [...KUSTO_DATASETS, "journey_complete"];
let h: Harness;
let gold: string;
let out: string;

beforeAll(async () => {
  h = await startSim();
  gold = await goldenDir([...DATASETS, "skills_enrollments"]);
  out = mkdtempSync(join(tmpdir(), "ace-headline-"));
  // journey_complete also reads the GitHub sync's skills_enrollments
  await import("node:fs").then((fs) =>
    fs.cpSync(join(gold, "skills_enrollments.csv"), join(out, "skills_enrollments.csv")),
  );
});
afterAll(async () => {
  await h.close();
  for (const d of [gold, out]) rmSync(d, { recursive: true, force: true });
});

const run = () =>
  runSync({
    dataDir: out,
    sources: [kustoSource(), journeySource()],
    now: new Date(String(h.env.ACE_NOW)),
    env: { ...h.env, KUSTO_PARTITION_MONTHS: "24" },
    reporter: silentReporter(),
  });

const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".csv") || f === "sync_status.json")
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );

it("reproduces the scale-S goldens byte for byte, then reports unchanged without touching a committed byte", async () => {
  const first = await run();
  expect(first.results.map((r) => [r.dataset, r.status])).toEqual(DATASETS.map((d) => [d, "ok"]));
  for (const d of DATASETS) {
    expect(datasetText(out, d), d).toBe(datasetText(gold, d));
    // the committed demo data, once present, is the same rendering
    if (datasetPaths(DEFAULT_DATA_DIR, d).length > 0)
      expect(datasetText(DEFAULT_DATA_DIR, d), `data/${d}`).toBe(datasetText(out, d));
  }
  const before = snapshot(out);
  const second = await run();
  expect(second.results.map((r) => [r.dataset, r.status])).toEqual(DATASETS.map((d) => [d, "unchanged"]));
  expect(second.changed).toEqual([]);
  expect(snapshot(out)).toEqual(before);
  expect(existsSync(statusPath(out))).toBe(true);
  const record = JSON.parse(readFileSync(join(out, "sync-run.json"), "utf8")) as {
    datasets: Record<string, { status: string }>;
  };
  expect(Object.values(record.datasets).map((d) => d.status)).toEqual(DATASETS.map(() => "unchanged"));
});
