/**
 * The incremental extracts' window: `| where ingestion_time() >= window_start and ingestion_time() < window_end`
 * (https://learn.microsoft.com/kusto/query/ingestion-time-function) answered through the real client with exactly the
 * world's rows ingested in that window — a registration is re-ingested when it is scheduled, cancelled or taken, a
 * product month when it completes — and the window terms cannot mix a time column with ingestion_time().
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "../../../sim/world/index.ts";
import { clientFor, httpError, props, rejection, useKustoSim } from "../../harness/sim-kusto/helpers.ts";

const NOW = "2026-10-15T02:00:00Z";
const world = createWorld({ people: 400, now: NOW });
const before = createWorld({ people: 400, now: "2026-10-08T02:00:00Z" });
const WEEK = { window_start: "datetime(2026-10-08T02:00:00Z)", window_end: "datetime(2026-10-16T02:00:00Z)" };

const query = (where: string) =>
  [
    "declare query_parameters(window_start:datetime, window_end:datetime);",
    "PearsonExamResults",
    `| where ${where}`,
    "| project RegistrationId, Status",
    "| order by RegistrationId asc",
  ].join("\n");

const fx = useKustoSim(() => ({ world }));

describe("ingestion_time() windows", () => {
  it("returns the rows that changed in the window: new registrations and status changes, nothing else", async () => {
    const { url, database } = fx.sim.clusters.cse;
    const r = await clientFor(url).execute(
      database,
      query("ingestion_time() >= window_start and ingestion_time() < window_end"),
      props(WEEK),
    );
    const got = [...(r.primaryResults[0]?.rows() ?? [])].map(
      (x) => x.toJSON() as { RegistrationId: string; Status: string },
    );
    // the same week seen as two snapshots of the world: what is new or different a week later
    const then = new Map([...before.kusto.rows("cse-analytics", "PearsonExamResults")].map((row) => [row[0], row[8]]));
    const changed = [...world.kusto.rows("cse-analytics", "PearsonExamResults")]
      .filter((row) => then.get(row[0]) !== row[8])
      .map((row) => ({ RegistrationId: row[0], Status: row[8] }));
    expect(changed.length).toBeGreaterThan(0);
    // exactly the rows that are new or whose status moved (every change of a Pearson row moves its status)
    expect(got).toEqual(changed);
  });

  it("refuses a window that mixes the time column and ingestion_time()", async () => {
    const { url, database } = fx.sim.clusters.cse;
    const e = await rejection(
      clientFor(url).execute(
        database,
        query("ingestion_time() >= window_start and RegisteredAt < window_end"),
        props(WEEK),
      ),
    );
    expect(httpError(e).status).toBe(400);
    expect(JSON.stringify(httpError(e).data)).toContain("query contract");
  });
});
