/** In-memory state of pull requests, issues and comments (numbers shared per repository, as on GitHub). */
import type { Ctx } from "./route.ts";
import { nodeId } from "./shapes.ts";
import type { IssueRecord, PullRecord, RepoState, TokenKind } from "./types.ts";

export interface Store {
  readonly state: RepoState;
  nextNumber(repo: string): number;
  nextId(): number;
  find(repo: string, n: number): { pull?: PullRecord; issue?: IssueRecord } | undefined;
}

export function createStore(): Store {
  const state: RepoState = { pulls: [], issues: [], comments: [], graphql: [] };
  const numbers = new Map<string, number>();
  let id = 1_000_000;
  return {
    state,
    nextNumber(repo) {
      const n = (numbers.get(repo.toLowerCase()) ?? 0) + 1;
      numbers.set(repo.toLowerCase(), n);
      return n;
    },
    nextId: () => ++id,
    find(repo, n) {
      const same = (r: { repo: string; number: number }): boolean =>
        r.repo.toLowerCase() === repo.toLowerCase() && r.number === n;
      const pull = state.pulls.find(same);
      if (pull !== undefined) return { pull };
      const issue = state.issues.find(same);
      return issue === undefined ? undefined : { issue };
    },
  };
}

export function repoOf(ctx: Ctx): string {
  return `${ctx.params.owner ?? ""}/${ctx.params.repo ?? ""}`;
}

/** The login that a write is attributed to. */
export function actorOf(kind: TokenKind): string {
  return kind === "github" ? "github-actions[bot]" : "sim-user";
}

export function prNodeId(id: number): string {
  return `PR_${nodeId("PullRequest", id).replace(/=+$/, "")}`;
}

/** The request body as an object (non-objects → empty). */
export function bodyObject(ctx: Ctx): Readonly<Record<string, unknown>> {
  return ctx.body !== null && typeof ctx.body === "object" && !Array.isArray(ctx.body)
    ? (ctx.body as Record<string, unknown>)
    : {};
}

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Label names from `{labels: [...]}` or a bare array, items as strings or `{name}`. */
export function labelNames(body: unknown): string[] {
  const list = Array.isArray(body)
    ? body
    : body !== null && typeof body === "object" && Array.isArray((body as { labels?: unknown }).labels)
      ? (body as { labels: unknown[] }).labels
      : [];
  return list
    .map((l) =>
      typeof l === "string" ? l : l !== null && typeof l === "object" ? str((l as { name?: unknown }).name) : undefined,
    )
    .filter((l): l is string => l !== undefined && l !== "");
}
