/**
 * Starts the world and both simulators together and returns the environment that points the sync, the worker and
 * the demo at them (the names of /work/shared/conventions.md, printed by `npm run sim`).
 */
import { DEMO_PSEUDONYM_KEY } from "#core/pseudonym.ts";
import { type FaultPlanInput, parseFaultPlan } from "./faults/plan.ts";
import { start as startGitHub } from "./github/index.ts";
import { DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET } from "./github/oauth.ts";
import { defaultToken } from "./github/types.ts";
import { kustoEnv, start as startKusto } from "./kusto/index.ts";
import { createWorld, type World, type WorldOptions } from "./world/index.ts";

/** The worker's demo bearer token for per-person endpoints (documented, not secret). */
export const DEMO_API_TOKEN = "ace-demo-api-token-not-secret";

export interface Simulators {
  readonly world: World;
  /** `export`-able environment: KUSTO_* (KUSTO_AGG_* with an aggregate database), GITHUB_*, COPILOT_TOKEN, ACE_NOW, API_TOKEN, PSEUDONYM_KEY */
  readonly env: Readonly<Record<string, string>>;
  readonly kusto: Awaited<ReturnType<typeof startKusto>>;
  readonly github: Awaited<ReturnType<typeof startGitHub>>;
  close(): Promise<void>;
}

export interface SimulatorOptions extends WorldOptions {
  readonly faults?: FaultPlanInput;
  /** GITHUB_TOKEN requests per hour (default 5,000 for the demo; GitHub grants 1,000 to a workflow token) */
  readonly githubBudget?: number;
  readonly world?: World;
  /** datasets of this data directory become the Kusto aggregate database (KUSTO_AGG_*); unset = none */
  readonly aggregateDataDir?: string;
}

export async function startSimulators(opts: SimulatorOptions = {}): Promise<Simulators> {
  const world = opts.world ?? createWorld(opts);
  const faults = parseFaultPlan(opts.faults ?? { faults: [] });
  const kusto = await startKusto({
    world,
    faults,
    ...(opts.aggregateDataDir === undefined ? {} : { aggregateDataDir: opts.aggregateDataDir }),
  });
  let github: Awaited<ReturnType<typeof startGitHub>>;
  try {
    github = await startGitHub({ world, faults, budgets: { github: opts.githubBudget ?? 5000 } });
  } catch (err) {
    await kusto.close();
    throw err;
  }
  const env = {
    ...kustoEnv(kusto),
    GITHUB_API_URL: github.url,
    // "Sign in with GitHub" against the simulator (sim/github/oauth.ts; the worker's demo session key is built in)
    GITHUB_WEB_URL: github.url,
    GITHUB_OAUTH_CLIENT_ID: DEMO_OAUTH_CLIENT_ID,
    GITHUB_OAUTH_CLIENT_SECRET: DEMO_OAUTH_CLIENT_SECRET,
    GITHUB_TOKEN: defaultToken("github"),
    COPILOT_TOKEN: defaultToken("copilot"),
    GITHUB_ORG: world.github.org,
    ACE_NOW: world.now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    API_TOKEN: DEMO_API_TOKEN,
    PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY,
  };
  return {
    world,
    env,
    kusto,
    github,
    close: async () => {
      await Promise.all([kusto.close(), github.close()]);
    },
  };
}
