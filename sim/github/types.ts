/** Public types of the GitHub REST simulator. */
import type { FaultInjector, FaultPlan, FaultPlanInput } from "../faults/plan.ts";
import type { GitHubUpstream } from "../world/types.ts";

/**
 * What a token stands for:
 * - `github`: the repository `GITHUB_TOKEN` of a workflow run (a GitHub App installation token: 1,000 requests/hour,
 *   repository-scoped, no org-level Copilot metrics permission);
 * - `copilot`: `COPILOT_TOKEN`, an org-level token ("View Organization Copilot Metrics" or classic `read:org`);
 * - `pat`: a classic personal access token with `repo` + `read:org` (5,000/hour), handy for the demo;
 * - `anonymous`: no Authorization header (60/hour per client address).
 */
export type TokenKind = "github" | "copilot" | "pat" | "anonymous";

/** Kind recorded in the request log: a token kind, `invalid` (401 Bad credentials) or `none` (download origin). */
export type LoggedTokenKind = TokenKind | "invalid" | "none";

export interface RequestLog {
  readonly listener: "api" | "download";
  readonly method: string;
  /** path and query as requested */
  readonly path: string;
  /** simulator route name, as used by the fault plan (`github:events`, …); `github:unknown` when nothing matched */
  readonly route: string;
  readonly tokenKind: LoggedTokenKind;
  readonly status: number;
  /** true when the answer was a 304 Not Modified to a conditional request */
  readonly was304: boolean;
  /** name of the injected fault kind, if any */
  readonly fault?: string;
}

/** Hourly budgets per token kind plus the search and secondary limits (all in requests, windows in ms). */
export interface Budgets {
  /** GITHUB_TOKEN requests per window (default 1,000, as GitHub grants a repository's GITHUB_TOKEN) */
  readonly github?: number;
  /** COPILOT_TOKEN requests per window (default 5,000) */
  readonly copilot?: number;
  /** PAT requests per window (default 5,000) */
  readonly pat?: number;
  /** unauthenticated requests per window and client address (default 60) */
  readonly anonymous?: number;
  /** primary window length in real milliseconds (default 3,600,000) */
  readonly windowMs?: number;
  /** search requests per search window and token (default 30, anonymous 10) */
  readonly search?: number;
  /** search window in real milliseconds (default 60,000) */
  readonly searchWindowMs?: number;
  /** requests per token and real minute before the secondary limit answers 403 (default 900) */
  readonly secondaryPerMinute?: number;
}

export interface StartOptions {
  /** the world (only `github` and `now` are read); `now` plays ACE_NOW for every data window */
  readonly world: { readonly github: GitHubUpstream; readonly now: Date };
  /** a fault plan (JSON) or an injector shared with the Kusto simulator */
  readonly faults?: FaultPlanInput | FaultPlan | FaultInjector;
  /** token value → kind; default {@link DEFAULT_TOKENS} */
  readonly tokens?: Readonly<Record<string, TokenKind>>;
  readonly budgets?: Budgets;
  /** API port (default 0 = a free port) */
  readonly port?: number;
  /** download origin port (default 0) */
  readonly downloadPort?: number;
  /** lifetime of signed download links in real milliseconds (default 300,000) */
  readonly linkTtlMs?: number;
  /** users-1-day records per NDJSON file before the report is split into several links (default 1,000) */
  readonly usersPerLink?: number;
  /** validate every JSON answer against @octokit/openapi; mismatches are collected in `validationErrors` */
  readonly validate?: boolean;
  /** HMAC key of the download links (default: random per start) */
  readonly signingKey?: string;
}

export interface PullRecord {
  readonly id: number;
  readonly node_id: string;
  readonly repo: string;
  readonly number: number;
  title: string;
  body: string | null;
  /** `owner:branch` */
  readonly head: string;
  base: string;
  state: "open" | "closed";
  draft: boolean;
  labels: string[];
  autoMerge: null | { mergeMethod: "MERGE" | "SQUASH" | "REBASE"; enabledAt: string };
  readonly user: string;
  readonly created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface IssueRecord {
  readonly id: number;
  readonly node_id: string;
  readonly repo: string;
  readonly number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: "completed" | "reopened" | "not_planned" | null;
  labels: string[];
  readonly user: string;
  readonly created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface CommentRecord {
  readonly id: number;
  readonly repo: string;
  readonly issue_number: number;
  readonly body: string;
  readonly user: string;
  readonly created_at: string;
}

/** In-memory state of the write endpoints, for assertions. */
export interface RepoState {
  readonly pulls: PullRecord[];
  readonly issues: IssueRecord[];
  readonly comments: CommentRecord[];
  /** every GraphQL mutation received, in order */
  readonly graphql: { readonly operation: string; readonly variables: Readonly<Record<string, unknown>> }[];
}

export interface GitHubSim {
  /** API base URL, `http://127.0.0.1:PORT` (what GITHUB_API_URL should be) */
  readonly url: string;
  /** origin of the signed report downloads */
  readonly downloadUrl: string;
  readonly requests: RequestLog[];
  readonly state: RepoState;
  /** OpenAPI mismatches of answers (only with `validate: true`) */
  readonly validationErrors: string[];
  /** the token values for each default kind */
  readonly tokens: Readonly<Record<string, TokenKind>>;
  close(): Promise<void>;
}

/** Default token values (obviously fake; shaped like GitHub's prefixes). */
export const DEFAULT_TOKENS: Readonly<Record<string, TokenKind>> = {
  ghs_simGithubToken000000000000000000000: "github",
  ghu_simCopilotToken00000000000000000000: "copilot",
  ghp_simPersonalToken0000000000000000000: "pat",
};

/** The default token value of a kind. */
export function defaultToken(kind: "github" | "copilot" | "pat"): string {
  const found = Object.entries(DEFAULT_TOKENS).find(([, k]) => k === kind);
  if (found === undefined) throw new Error(`no default token of kind ${kind}`);
  return found[0];
}
