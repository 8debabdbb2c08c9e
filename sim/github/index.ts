/** The loopback GitHub REST simulator (see docs/github-simulator.md). */
import type { GitHubSim as Sim } from "./types.ts";

export { EVENTS_CAP, EVENTS_WINDOW_DAYS, POLL_INTERVAL } from "./events.ts";
export { loadOpenApi, validateResponse, validateSchema } from "./openapi.ts";
export { SEARCH_CAP } from "./search.ts";
export { start } from "./server.ts";
export type {
  Budgets,
  CommentRecord,
  GitHubSim,
  IssueRecord,
  LoggedTokenKind,
  PullRecord,
  RepoState,
  RequestLog,
  StartOptions,
  TokenKind,
} from "./types.ts";
export { DEFAULT_TOKENS, defaultToken } from "./types.ts";

/** The environment that points the sync and the demo at a running simulator (for `npm run sim`). */
export function githubEnv(sim: Sim, org: string): Record<string, string> {
  const token = (kind: string): string => Object.entries(sim.tokens).find(([, k]) => k === kind)?.[0] ?? "";
  return { GITHUB_API_URL: sim.url, GITHUB_TOKEN: token("github"), COPILOT_TOKEN: token("copilot"), GITHUB_ORG: org };
}
