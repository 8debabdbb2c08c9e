/**
 * Configuration of the GitHub sync from the environment (names from the project's conventions):
 * GITHUB_API_URL, GITHUB_TOKEN (public data), COPILOT_TOKEN (org-level, Copilot reports), GITHUB_ORG,
 * GITHUB_RATE_RESERVE (requests kept in reserve, default 100), GITHUB_TIME_BUDGET_SECONDS (default 1,800), and
 * ACE_GITHUB_TIMING=fast (loopback simulators only: no request spacing, millisecond back-offs; the demo sets it),
 * GITHUB_ACTIVITY_MAX_VISITS (logins visited per run at most, default 0 = all; a rotation: the next run continues
 * after the last visited login).
 */
export interface GitHubConfig {
  readonly apiUrl: string;
  readonly token: string | undefined;
  readonly copilotToken: string | undefined;
  readonly org: string | undefined;
  readonly reserve: number;
  readonly timeBudgetMs: number;
  /** inside a workflow run (use @octokit/action for GITHUB_TOKEN) */
  readonly inActions: boolean;
  readonly timing: "real" | "fast";
  /** logins visited per run at most (undefined = all) */
  readonly maxVisits: number | undefined;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, dflt: number): number {
  const v = env[name];
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}="${v}" must be a non-negative integer`);
  return n;
}

export function githubConfig(env: NodeJS.ProcessEnv = process.env): GitHubConfig {
  return {
    apiUrl: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    token: env.GITHUB_TOKEN || undefined,
    copilotToken: env.COPILOT_TOKEN || undefined,
    org: env.GITHUB_ORG || undefined,
    reserve: positiveInt(env, "GITHUB_RATE_RESERVE", 100),
    timeBudgetMs: positiveInt(env, "GITHUB_TIME_BUDGET_SECONDS", 1800) * 1000,
    inActions: env.GITHUB_ACTIONS === "true" && env.GITHUB_ACTION !== undefined,
    timing: env.ACE_GITHUB_TIMING === "fast" ? "fast" : "real",
    maxVisits: positiveInt(env, "GITHUB_ACTIVITY_MAX_VISITS", 0) || undefined,
  };
}
