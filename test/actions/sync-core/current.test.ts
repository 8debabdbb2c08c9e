/** `DatasetRun.current`: a source vouching that the committed file is current is believed only for that file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import type { Row } from "#core/format.ts";
import { silentReporter } from "../../../actions/sync-core/src/report.ts";
import { runSync } from "../../../actions/sync-core/src/run.ts";
import type { Source } from "../../../actions/sync-core/src/source.ts";
import { datasetText, lastDatasetFile } from "../../harness/data-files.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const rows = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    user_id: i.toString(16).padStart(16, "0"),
    date: "2026-01-02",
    item_id: "learn-module/intro",
    item_type: "module",
    completed: i % 2 === 0,
  }));

/** A source whose rows count how often they were read. */
function source(current: boolean, make: () => Row[], read: { n: number }): Source {
  return {
    name: "fake",
    datasets: ["learning_activity"],
    async dataset() {
      const r = make();
      return {
        current,
        sources: ["fake:test"],
        rows: (function* () {
          read.n++;
          yield* r;
        })(),
      };
    },
  };
}

const run = (dataDir: string, s: Source, at: string) =>
  runSync({ dataDir, sources: [s], now: new Date(at), reporter: silentReporter() });

it("keeps the committed file without reading rows when it is the one the status records, else stages them", async () => {
  const d = mkdtempSync(join(tmpdir(), "ace-current-"));
  dirs.push(d);
  const read = { n: 0 };
  await run(
    d,
    source(false, () => rows(10), read),
    "2026-11-24T02:00:00Z",
  );
  const csv = datasetText(d, "learning_activity");
  const status = readFileSync(join(d, "sync_status.json"), "utf8");
  read.n = 0;
  const kept = await run(
    d,
    source(true, () => rows(3), read),
    "2026-11-25T02:00:00Z",
  );
  expect(kept.results.map((r) => [r.status, r.rows])).toEqual([["unchanged", 10]]);
  expect(read.n).toBe(0);
  expect(datasetText(d, "learning_activity")).toBe(csv);
  expect(readFileSync(join(d, "sync_status.json"), "utf8")).toBe(status);
  // an edited file is not the one the status records: the source's claim is not believed, its rows are staged
  const last = lastDatasetFile(d, "learning_activity");
  const text = readFileSync(last, "utf8");
  writeFileSync(last, text.split("\n").slice(0, -2).join("\n").concat("\n"));
  const staged = await run(
    d,
    source(true, () => rows(10), read),
    "2026-11-26T02:00:00Z",
  );
  expect(read.n).toBe(1);
  expect(staged.results.map((r) => [r.status, r.rows])).toEqual([["ok", 10]]);
  expect(datasetText(d, "learning_activity")).toBe(csv);
});
