// The aggregates' stale flags count the last run record: a dataset the run checked unchanged is not stale.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadRunRecord, type StatusEntry } from "#core/status.ts";
import { buildContext, envelope } from "../../../actions/aggregate/src/context.ts";
import { writeFixture } from "../../harness/aggregate/fixture.ts";
import { statusEntry } from "../../harness/status.ts";

const root = mkdtempSync(join(tmpdir(), "aggregate-fresh-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const T1 = "2026-10-25T02:00:00Z";
const T2 = "2026-11-24T02:00:00Z";
const entry = (at: string): StatusEntry => statusEntry({ last_success_at: at, last_changed_at: at });

it("a dataset unchanged for 30 days is stale at as_of unless the run record says it was checked", async () => {
  const dir = join(root, "w");
  await writeFixture(dir, { seed: 1, people: 20, copilotDays: 3 });
  const status = { version: 1 as const, datasets: { certified_users: entry(T1), learning_activity: entry(T2) } };
  const names = ["certified_users", "learning_activity"];
  const bare = envelope(await buildContext(dir, names, status, T2), "kpis", names);
  expect(bare.flags.stale_datasets).toEqual(["certified_users"]);
  const run = loadRunRecord(
    JSON.stringify({
      version: 1,
      clock: T2,
      datasets: {
        certified_users: { status: "unchanged", checked_at: T2 },
        learning_activity: { status: "ok", checked_at: T2 },
      },
    }),
  );
  const checked = envelope(await buildContext(dir, names, status, T2, run), "kpis", names);
  expect(checked.flags).toMatchObject({ stale: false, stale_datasets: [] });
  const failed = loadRunRecord(
    JSON.stringify({ version: 1, clock: T2, datasets: { certified_users: { status: "failed", checked_at: null } } }),
  );
  expect(envelope(await buildContext(dir, names, status, T2, failed), "kpis", names).flags.stale_datasets).toEqual([
    "certified_users",
  ]);
});
