/**
 * Pull requests (create, update, list by `head`/`base`/`state`, get) and `POST /graphql` with the one mutation the
 * sync-PR workflow uses, `enablePullRequestAutoMerge`. State lives in the {@link Store}.
 */
import { error, notFound, type Reply, validationFailed } from "./errors.ts";
import { paged, pageRequest } from "./paginate.ts";
import type { Route } from "./route.ts";
import { actorOf, bodyObject, prNodeId, repoOf, type Store, str } from "./store.ts";
import type { PullRecord } from "./types.ts";
import { pullRequest } from "./write-shapes.ts";

const DOCS = "https://docs.github.com/rest/pulls/pulls";

function qualify(head: string, repo: string): string {
  return head.includes(":") ? head : `${repo.split("/")[0] ?? ""}:${head}`;
}

export function pullRoutes(store: Store): Route[] {
  const base = "/repos/{owner}/{repo}/pulls";
  const get = (repo: string, n: string | undefined): PullRecord | undefined => store.find(repo, Number(n))?.pull;
  return [
    {
      method: "POST",
      template: base,
      name: "github:pulls",
      resource: "core",
      access: "write",
      handle(ctx) {
        const repo = repoOf(ctx);
        const b = bodyObject(ctx);
        const title = str(b.title);
        const head = str(b.head);
        const baseRef = str(b.base);
        const missing = [
          ...(head === undefined ? ["head"] : []),
          ...(baseRef === undefined ? ["base"] : []),
          ...(title === undefined ? ["title"] : []),
        ];
        if (missing.length > 0 || head === undefined || baseRef === undefined || title === undefined)
          return validationFailed(
            missing.map((field) => ({ resource: "PullRequest", field, code: "missing_field" })),
            DOCS,
          );
        const label = qualify(head, repo);
        if (
          store.state.pulls.some((p) => p.repo === repo && p.state === "open" && p.head === label && p.base === baseRef)
        )
          return validationFailed(
            [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${label}.` }],
            DOCS,
          );
        const id = store.nextId();
        const at = ctx
          .now()
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z");
        const pull: PullRecord = {
          id,
          node_id: prNodeId(id),
          repo,
          number: store.nextNumber(repo),
          title,
          body: str(b.body) ?? null,
          head: label,
          base: baseRef,
          state: "open",
          draft: b.draft === true,
          labels: [],
          autoMerge: null,
          user: actorOf(ctx.token),
          created_at: at,
          updated_at: at,
          closed_at: null,
        };
        store.state.pulls.push(pull);
        return {
          status: 201,
          body: pullRequest(ctx.api, pull, true),
          headers: { location: `${ctx.api}/repos/${repo}/pulls/${pull.number}` },
        };
      },
    },
    {
      method: "GET",
      template: base,
      name: "github:pulls",
      resource: "core",
      access: "any",
      handle(ctx) {
        const repo = repoOf(ctx).toLowerCase();
        const state = ctx.query.get("state") ?? "open";
        const head = ctx.query.get("head");
        const baseRef = ctx.query.get("base");
        const found = store.state.pulls
          .filter((p) => p.repo.toLowerCase() === repo)
          .filter((p) => state === "all" || p.state === state)
          .filter((p) => head === null || p.head.toLowerCase() === qualify(head, repo).toLowerCase())
          .filter((p) => baseRef === null || p.base === baseRef)
          .sort((a, b) => b.number - a.number);
        const page = paged(found, ctx.url, pageRequest(ctx.query));
        return {
          status: 200,
          body: page.body.map((p) => pullRequest(ctx.api, p, false)),
          headers: page.headers,
          conditional: true,
        };
      },
    },
    {
      method: "GET",
      template: `${base}/{pull_number}`,
      name: "github:pulls",
      resource: "core",
      access: "any",
      handle(ctx) {
        const p = get(repoOf(ctx), ctx.params.pull_number);
        return p === undefined ? notFound() : { status: 200, body: pullRequest(ctx.api, p, true), conditional: true };
      },
    },
    {
      method: "PATCH",
      template: `${base}/{pull_number}`,
      name: "github:pulls",
      resource: "core",
      access: "write",
      handle(ctx) {
        const p = get(repoOf(ctx), ctx.params.pull_number);
        if (p === undefined) return notFound();
        const b = bodyObject(ctx);
        const state = str(b.state);
        if (state !== undefined && state !== "open" && state !== "closed")
          return validationFailed([{ resource: "PullRequest", field: "state", code: "invalid" }], DOCS);
        p.title = str(b.title) ?? p.title;
        if (typeof b.body === "string") p.body = b.body;
        p.base = str(b.base) ?? p.base;
        const at = ctx
          .now()
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z");
        if (state !== undefined && state !== p.state) {
          p.state = state;
          p.closed_at = state === "closed" ? at : null;
        }
        p.updated_at = at;
        return { status: 200, body: pullRequest(ctx.api, p, true) };
      },
    },
    graphqlRoute(store),
  ];
}

function gqlError(message: string, type?: string): Reply {
  return {
    status: 200,
    body: {
      data: { enablePullRequestAutoMerge: null },
      errors: [
        {
          ...(type === undefined ? {} : { type }),
          path: ["enablePullRequestAutoMerge"],
          locations: [{ line: 2, column: 3 }],
          message,
        },
      ],
    },
  };
}

/** Value of `name` in the mutation's input: a literal (`name: "x"` / `name: SQUASH`) or a `$variable`. */
function argument(query: string, vars: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const m = new RegExp(`${name}\\s*:\\s*(?:"([^"]*)"|\\$(\\w+)|([A-Z_]+))`).exec(query);
  if (m === null) {
    const input = vars.input;
    return input !== null && typeof input === "object" ? str((input as Record<string, unknown>)[name]) : undefined;
  }
  return m[1] ?? m[3] ?? str(vars[m[2] ?? ""]);
}

function graphqlRoute(store: Store): Route {
  return {
    method: "POST",
    template: "/graphql",
    name: "github:graphql",
    openapi: null,
    resource: "graphql",
    access: "write",
    handle(ctx) {
      const b = bodyObject(ctx);
      const query = str(b.query);
      const vars: Readonly<Record<string, unknown>> =
        b.variables !== null && typeof b.variables === "object" ? (b.variables as Record<string, unknown>) : {};
      if (query === undefined) return error(400, "A query attribute must be specified and must be a string.");
      if (/\bdisablePullRequestAutoMerge\b/.test(query)) {
        store.state.graphql.push({ operation: "disablePullRequestAutoMerge", variables: vars });
        const id = argument(query, vars, "pullRequestId");
        const pull = store.state.pulls.find((p) => p.node_id === id);
        if (pull === undefined)
          return gqlError(`Could not resolve to a node with the global id of '${id ?? ""}'`, "NOT_FOUND");
        pull.autoMerge = null;
        const data = { disablePullRequestAutoMerge: { clientMutationId: null, pullRequest: { id: pull.node_id } } };
        return { status: 200, body: { data } };
      }
      if (!/\benablePullRequestAutoMerge\b/.test(query))
        return {
          status: 200,
          body: {
            errors: [{ message: "The simulator only implements the enable/disablePullRequestAutoMerge mutations." }],
          },
        };
      store.state.graphql.push({ operation: "enablePullRequestAutoMerge", variables: vars });
      const id = argument(query, vars, "pullRequestId");
      const method = (argument(query, vars, "mergeMethod") ?? "MERGE").toUpperCase();
      const pull = store.state.pulls.find((p) => p.node_id === id);
      if (pull === undefined)
        return gqlError(`Could not resolve to a node with the global id of '${id ?? ""}'`, "NOT_FOUND");
      if (method !== "MERGE" && method !== "SQUASH" && method !== "REBASE")
        return gqlError(
          `Argument 'mergeMethod' on InputObject 'EnablePullRequestAutoMergeInput' has an invalid value (${method}).`,
        );
      if (pull.state !== "open") return gqlError("Pull request is in the wrong state for auto-merge", "UNPROCESSABLE");
      const enabledAt = ctx
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z");
      pull.autoMerge = { mergeMethod: method, enabledAt };
      return {
        status: 200,
        body: {
          data: {
            enablePullRequestAutoMerge: {
              clientMutationId: null,
              pullRequest: {
                id: pull.node_id,
                number: pull.number,
                url: `https://github.com/${pull.repo}/pull/${pull.number}`,
                autoMergeRequest: { enabledAt, mergeMethod: method },
              },
            },
          },
        },
      };
    },
  };
}
