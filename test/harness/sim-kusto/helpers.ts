/** Helpers for the simulator's tests: the real azure-kusto-data client against a started simulator. */
import { Client, ClientRequestProperties, KustoConnectionStringBuilder } from "azure-kusto-data";
import { afterAll, beforeAll } from "vitest";
import type { FaultPlanInput } from "../../../sim/faults/plan.ts";
import { type KustoSim, start } from "../../../sim/kusto/index.ts";

type StartOptions = Parameters<typeof start>[0];

import { createFixtureUpstream } from "./fixture.ts";

export const WINDOW_QUERY = (table: string, time: string, columns: string, order: string, person?: string): string =>
  [
    `declare query_parameters(window_start:datetime, window_end:datetime${person === undefined ? "" : `, ${person.split(" ")[1]}:string`});`,
    `${table}`,
    `| where ${time} >= window_start and ${time} < window_end`,
    ...(person === undefined ? [] : [`| where ${person.replace(" ", " == ")}`]),
    `| project ${columns}`,
    `| order by ${order}`,
  ].join("\n");

export function props(
  params: Readonly<Record<string, string>>,
  configure?: (p: ClientRequestProperties) => void,
): ClientRequestProperties {
  const p = new ClientRequestProperties();
  for (const [k, v] of Object.entries(params)) p.setParameter(k, v);
  configure?.(p);
  return p;
}

export function clientFor(url: string, token?: string): Client {
  return new Client(
    token === undefined
      ? new KustoConnectionStringBuilder(url)
      : KustoConnectionStringBuilder.withAccessToken(url, token),
  );
}

export const ALL_TIME = { window_start: "datetime(2000-01-01)", window_end: "datetime(2100-01-01)" };

/** The error an awaited promise rejected with (fails when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return e as Error & Record<string, unknown>;
    throw new Error(`rejected with a non-Error: ${String(e)}`);
  }
  throw new Error("expected a rejection");
}

/** status and data of an axios error as the node client throws it */
export function httpError(e: Record<string, unknown>): {
  status: number | undefined;
  data: unknown;
  headers: Record<string, unknown>;
} {
  const inner = (e["inner"] ?? e) as {
    response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
  };
  return { status: inner.response?.status, data: inner.response?.data, headers: inner.response?.headers ?? {} };
}

/** The fixture's Users table over a time window, the query most fault tests replay. */
export const USERS_QUERY = WINDOW_QUERY("Users", "FirstSeen", "Email, GitHubLogin, FirstSeen, Country", "Email asc");

/** Runs `run` against a simulator on the hand-made fixture with this fault plan, and always closes it. */
export async function withFixtureSim<T>(faults: FaultPlanInput, run: (sim: KustoSim) => Promise<T>): Promise<T> {
  const sim = await start({ world: { kusto: createFixtureUpstream() }, faults });
  try {
    return await run(sim);
  } finally {
    await sim.close();
  }
}

/** One simulator for the whole test file: started before the first test, closed after the last. */
export function useKustoSim(options: () => StartOptions): { readonly sim: KustoSim } {
  let current: KustoSim | undefined;
  beforeAll(async () => {
    current = await start(options());
  });
  afterAll(async () => {
    await current?.close();
  });
  return {
    get sim(): KustoSim {
      if (current === undefined) throw new Error("the simulator starts in beforeAll; use it inside a test");
      return current;
    },
  };
}
