import { KustoDataErrors } from "azure-kusto-data";
import { describe, expect, it } from "vitest";
import type { FaultPlanInput } from "../../../sim/faults/plan.ts";
import type { KustoSim } from "../../../sim/kusto/index.ts";
import {
  ALL_TIME,
  clientFor,
  httpError,
  props,
  rejection,
  USERS_QUERY,
  WINDOW_QUERY,
  withFixtureSim,
} from "../../harness/sim-kusto/helpers.ts";

const queryUsers = (sim: KustoSim, configure?: Parameters<typeof props>[1]) =>
  clientFor(sim.clusters.gh.url).execute("ace", USERS_QUERY, props(ALL_TIME, configure));

const rawRows = (r: Awaited<ReturnType<typeof queryUsers>>): unknown[] =>
  (r.primaryResults[0] as unknown as { _rows: unknown[] })._rows;

describe("kusto faults, as the real client sees them", () => {
  it("429 throttling: ThrottlingError with Retry-After and the throttling body; the next request succeeds", async () => {
    await withFixtureSim(
      { faults: [{ route: "kusto:query", nth: [1], kind: "status", status: 429, retryAfter: 7 }] },
      async (sim) => {
        const e = await rejection(queryUsers(sim));
        expect(e).toBeInstanceOf(KustoDataErrors.ThrottlingError);
        const { status, data, headers } = httpError(e);
        expect(status).toBe(429);
        expect(headers["retry-after"]).toBe("7");
        expect(JSON.stringify(data)).toContain("aborted due to throttling");
        expect(rawRows(await queryUsers(sim))).toHaveLength(10);
        expect(sim.requests.filter((r) => r.route === "kusto:query").map((r) => r.status)).toEqual([429, 200]);
      },
    );
  });

  it.each([500, 504, 520])("%i: an HTTP error carrying a OneApi body", async (code) => {
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "status", status: code }] }, async (sim) => {
      const { status, data } = httpError(await rejection(queryUsers(sim)));
      expect(status).toBe(code);
      expect((data as { error: { "@permanent": boolean } }).error["@permanent"]).toBe(false);
    });
  });

  it("latency beyond the client timeout: ECONNABORTED; beyond servertimeout: the service's 504", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "latency", ms: 400 }] }, async (sim) => {
      const e = await rejection(queryUsers(sim, (p) => p.setClientTimeout(50)));
      expect(e["code"]).toBe("ECONNABORTED");
      const server = httpError(await rejection(queryUsers(sim, (p) => p.setTimeout(20))));
      expect(server.status).toBe(504);
      expect(JSON.stringify(server.data)).toContain("timeout");
    });
  });

  it("latency within the timeouts only delays", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:*", kind: "latency", ms: 5 }] }, async (sim) => {
      expect(rawRows(await queryUsers(sim))).toHaveLength(10);
    });
  });

  it("connection reset mid-body: a network error, no result", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "reset", afterBytes: 700 }] }, async (sim) => {
      const e = await rejection(queryUsers(sim));
      expect(e["code"]).toBe("ECONNRESET");
    });
  });

  it("truncated body and non-JSON body: the client fails to parse the response", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "truncate", afterBytes: 700 }] }, async (sim) => {
      expect((await rejection(queryUsers(sim))).message).toMatch(/Failed to parse response/);
    });
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "non-json" }] }, async (sim) => {
      expect((await rejection(queryUsers(sim))).message).toMatch(/Failed to parse response/);
    });
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "non-json", status: 502 }] }, async (sim) => {
      expect(httpError(await rejection(queryUsers(sim))).status).toBe(502);
    });
  });

  it("HasErrors completion: the client throws 'Kusto request had errors'", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "has-errors" }] }, async (sim) => {
      const e = await rejection(queryUsers(sim));
      expect(e.message).toContain("Kusto request had errors");
      expect(e.message).toContain("E_LOW_MEMORY_CONDITION");
    });
  });

  it("inline row error: the client returns normally with a OneApiErrors object in place of a row", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "inline-error", afterRows: 3 }] }, async (sim) => {
      const rows = rawRows(await queryUsers(sim));
      expect(rows).toHaveLength(4);
      expect(Array.isArray(rows[2])).toBe(true);
      expect(rows[3]).toMatchObject({ OneApiErrors: [{ error: { code: "LimitsExceeded" } }] });
    });
  });

  it("schema drift: a renamed, a missing and a retyped column reach the client", async () => {
    const names = async (faults: FaultPlanInput): Promise<string[]> =>
      withFixtureSim(
        faults,
        async (sim) => (await queryUsers(sim)).primaryResults[0]?.columns.map((c) => `${c.name}:${c.type}`) ?? [],
      );
    expect(
      await names({
        faults: [{ route: "kusto:query", kind: "drift", change: "rename", column: "GitHubLogin", to: "Login" }],
      }),
    ).toEqual(["Email:string", "Login:string", "FirstSeen:datetime", "Country:string"]);
    expect(
      await names({ faults: [{ route: "kusto:query", kind: "drift", change: "drop", column: "Country" }] }),
    ).toEqual(["Email:string", "GitHubLogin:string", "FirstSeen:datetime"]);
    await withFixtureSim(
      { faults: [{ route: "kusto:query", kind: "drift", change: "retype", column: "FirstSeen", type: "string" }] },
      async (sim) => {
        const r = await queryUsers(sim);
        expect(r.primaryResults[0]?.columns[2]?.type).toBe("string");
        expect((rawRows(r)[0] as unknown[])[2]).toBe("2026-01-01T00:00:00.0000000Z");
      },
    );
  });

  it("empty result; faults restricted to a table or a cluster leave other queries alone", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:query", kind: "empty", table: "Users" }] }, async (sim) => {
      expect(rawRows(await queryUsers(sim))).toEqual([]);
      const other = await clientFor(sim.clusters.gh.url).execute(
        "ace",
        WINDOW_QUERY("ExamEligibility", "EligibleAt", "EligibilityId", "EligibilityId asc"),
        props(ALL_TIME),
      );
      expect(rawRows(other)).toHaveLength(10);
    });
    await withFixtureSim(
      { faults: [{ route: "kusto:query", kind: "status", status: 500, cluster: "cse" }] },
      async (sim) => {
        expect(rawRows(await queryUsers(sim))).toHaveLength(10);
      },
    );
  });

  it("auth metadata failure: 'Failed to get cloud info'; management command faults", async () => {
    await withFixtureSim({ faults: [{ route: "kusto:auth-metadata", kind: "status", status: 500 }] }, async (sim) => {
      expect((await rejection(queryUsers(sim))).message).toContain("Failed to get cloud info for cluster");
    });
    await withFixtureSim({ faults: [{ route: "kusto:mgmt", kind: "status", status: 429 }] }, async (sim) => {
      const e = await rejection(clientFor(sim.clusters.cse.url).execute("ACE", ".show tables"));
      expect(e).toBeInstanceOf(KustoDataErrors.ThrottlingError);
    });
  });

  it("probability faults are deterministic per seed", async () => {
    const statuses = (seed: number): Promise<number[]> =>
      withFixtureSim(
        { seed, faults: [{ route: "kusto:query", probability: 0.5, kind: "status", status: 500 }] },
        async (sim) => {
          for (let i = 0; i < 8; i++) await queryUsers(sim).catch(() => undefined);
          return sim.requests.filter((r) => r.route === "kusto:query").map((r) => r.status);
        },
      );
    const a = await statuses(3);
    expect(await statuses(3)).toEqual(a);
    expect(a).toContain(500);
    expect(a).toContain(200);
  });
});
