/** The loopback GitHub REST simulator (see docs/github-simulator.md). */

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
