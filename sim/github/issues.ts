/** Issues (create/update/list/get), issue comments and labels; pull requests share the numbering and labels. */
import { notFound, type Reply, validationFailed } from "./errors.ts";
import { paged, pageRequest } from "./paginate.ts";
import type { Ctx, Route } from "./route.ts";
import { actorOf, bodyObject, labelNames, repoOf, type Store, str } from "./store.ts";
import type { IssueRecord } from "./types.ts";
import { comment, issue, label } from "./write-shapes.ts";

const DOCS = "https://docs.github.com/rest/issues/issues";
const stamp = (ctx: Ctx): string =>
  ctx
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");

export function issueRoutes(store: Store): Route[] {
  const base = "/repos/{owner}/{repo}/issues";
  const commentsOf = (repo: string, n: number): number =>
    store.state.comments.filter((c) => c.repo.toLowerCase() === repo.toLowerCase() && c.issue_number === n).length;
  const render = (ctx: Ctx, i: IssueRecord): Record<string, unknown> => issue(ctx.api, i, commentsOf(i.repo, i.number));
  const route = (method: string, template: string, name: string, handle: (ctx: Ctx) => Reply): Route => ({
    method,
    template,
    name,
    resource: "core",
    access: method === "GET" ? "any" : "write",
    handle,
  });
  return [
    route("POST", base, "github:issues", (ctx) => {
      const repo = repoOf(ctx);
      const b = bodyObject(ctx);
      const title = str(b.title);
      if (title === undefined || title === "")
        return validationFailed([{ resource: "Issue", field: "title", code: "missing_field" }], DOCS);
      const id = store.nextId();
      const at = stamp(ctx);
      const rec: IssueRecord = {
        id,
        node_id: `I_${Buffer.from(`Issue${id}`).toString("base64url")}`,
        repo,
        number: store.nextNumber(repo),
        title,
        body: str(b.body) ?? null,
        state: "open",
        state_reason: null,
        labels: labelNames(b),
        user: actorOf(ctx.token),
        created_at: at,
        updated_at: at,
        closed_at: null,
      };
      store.state.issues.push(rec);
      return {
        status: 201,
        body: render(ctx, rec),
        headers: { location: `${ctx.api}/repos/${repo}/issues/${rec.number}` },
      };
    }),
    route("GET", base, "github:issues", (ctx) => {
      const repo = repoOf(ctx).toLowerCase();
      const state = ctx.query.get("state") ?? "open";
      const wanted = (ctx.query.get("labels") ?? "").split(",").filter(Boolean);
      const creator = ctx.query.get("creator");
      const issues = store.state.issues.map((i) => ({ rec: i, pull: undefined }));
      const pulls = store.state.pulls.map((p) => ({
        rec: { ...p, state_reason: null } satisfies IssueRecord,
        pull: p,
      }));
      const found = [...issues, ...pulls]
        .filter(({ rec }) => rec.repo.toLowerCase() === repo)
        .filter(({ rec }) => state === "all" || rec.state === state)
        .filter(({ rec }) => wanted.every((l) => rec.labels.some((x) => x.toLowerCase() === l.toLowerCase())))
        .filter(({ rec }) => creator === null || rec.user === creator)
        .sort((a, b) => b.rec.created_at.localeCompare(a.rec.created_at) || b.rec.number - a.rec.number);
      const page = paged(found, ctx.url, pageRequest(ctx.query));
      return {
        status: 200,
        body: page.body.map(({ rec, pull }) => issue(ctx.api, rec, commentsOf(rec.repo, rec.number), pull)),
        headers: page.headers,
        conditional: true,
      };
    }),
    route("GET", `${base}/{issue_number}`, "github:issues", (ctx) => {
      const hit = store.find(repoOf(ctx), Number(ctx.params.issue_number));
      if (hit?.issue !== undefined) return { status: 200, body: render(ctx, hit.issue), conditional: true };
      if (hit?.pull !== undefined) {
        const p = hit.pull;
        const rec = { ...p, state_reason: null };
        return { status: 200, body: issue(ctx.api, rec, commentsOf(p.repo, p.number), p), conditional: true };
      }
      return notFound();
    }),
    route("PATCH", `${base}/{issue_number}`, "github:issues", (ctx) => {
      const rec = store.find(repoOf(ctx), Number(ctx.params.issue_number))?.issue;
      if (rec === undefined) return notFound();
      const b = bodyObject(ctx);
      const state = str(b.state);
      if (state !== undefined && state !== "open" && state !== "closed")
        return validationFailed([{ resource: "Issue", field: "state", code: "invalid" }], DOCS);
      rec.title = str(b.title) ?? rec.title;
      if (typeof b.body === "string") rec.body = b.body;
      if (Array.isArray(b.labels)) rec.labels = labelNames(b);
      const at = stamp(ctx);
      if (state !== undefined && state !== rec.state) {
        rec.state = state;
        rec.closed_at = state === "closed" ? at : null;
        const reason = str(b.state_reason);
        rec.state_reason = state === "open" ? "reopened" : reason === "not_planned" ? "not_planned" : "completed";
      }
      rec.updated_at = at;
      return { status: 200, body: render(ctx, rec) };
    }),
    route("GET", `${base}/{issue_number}/comments`, "github:comments", (ctx) => {
      const repo = repoOf(ctx);
      const n = Number(ctx.params.issue_number);
      if (store.find(repo, n) === undefined) return notFound();
      const list = store.state.comments.filter(
        (c) => c.repo.toLowerCase() === repo.toLowerCase() && c.issue_number === n,
      );
      const page = paged(list, ctx.url, pageRequest(ctx.query));
      return { status: 200, body: page.body.map((c) => comment(ctx.api, c)), headers: page.headers, conditional: true };
    }),
    route("POST", `${base}/{issue_number}/comments`, "github:comments", (ctx) => {
      const repo = repoOf(ctx);
      const n = Number(ctx.params.issue_number);
      if (store.find(repo, n) === undefined) return notFound();
      const body = str(bodyObject(ctx).body);
      if (body === undefined || body === "")
        return validationFailed([{ resource: "IssueComment", field: "body", code: "missing_field" }], DOCS);
      const rec = { id: store.nextId(), repo, issue_number: n, body, user: actorOf(ctx.token), created_at: stamp(ctx) };
      store.state.comments.push(rec);
      return { status: 201, body: comment(ctx.api, rec) };
    }),
    route("POST", `${base}/{issue_number}/labels`, "github:labels", (ctx) => {
      const repo = repoOf(ctx);
      const hit = store.find(repoOf(ctx), Number(ctx.params.issue_number));
      const target = hit?.pull ?? hit?.issue;
      if (target === undefined) return notFound();
      const names = labelNames(ctx.body);
      if (names.length === 0)
        return validationFailed([{ resource: "Label", field: "labels", code: "missing_field" }], DOCS);
      for (const n of names) if (!target.labels.includes(n)) target.labels.push(n);
      return { status: 200, body: target.labels.map((l) => label(ctx.api, repo, l)) };
    }),
  ];
}
