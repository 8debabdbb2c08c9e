/**
 * `GET /search/repositories?q=`: the qualifiers a skills sync needs (`<text>`, `in:name|description`,
 * `created:`/`pushed:` ranges, `is:public|private`, `fork:true|false|only`, `user:`/`org:`, `template:`,
 * `archived:`), the 1,000-result cap (422 past it), `per_page` ≤ 100, its own rate-limit resource `search`.
 * As on GitHub, forks are left out unless `fork:true` or `fork:only`. Some searches time out the first time they are
 * asked (`incomplete_results: true`, half the items; see timesOut); an `incomplete` fault forces it.
 */
import { error, validationFailed } from "./errors.ts";
import { paged, pageRequest } from "./paginate.ts";
import type { Route } from "./route.ts";
import { courseFacts, learnerFacts, type RepoFacts, repository } from "./shapes.ts";

export const SEARCH_CAP = 1000;
const DOCS = "https://docs.github.com/v3/search";

export interface SearchQuery {
  readonly text: string[];
  readonly inFields: ("name" | "description")[];
  readonly ranges: { readonly field: "created" | "pushed"; readonly test: (iso: string) => boolean }[];
  readonly visibility?: "public" | "private";
  readonly fork: "false" | "true" | "only";
  readonly owner?: string;
  readonly template?: boolean;
  readonly archived?: boolean;
}

/** A date qualifier (`A..B`, `>=A`, `>A`, `<=B`, `<B`, `A`, `A..*`, `*..B`) as a predicate on ISO timestamps. */
export function dateRange(spec: string): ((iso: string) => boolean) | undefined {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const d = (iso: string): string => iso.slice(0, 10);
  const range = /^(\*|\d{4}-\d{2}-\d{2})\.\.(\*|\d{4}-\d{2}-\d{2})$/.exec(spec);
  if (range !== null) {
    const [lo = "*", hi = "*"] = [range[1], range[2]];
    return (iso) => (lo === "*" || d(iso) >= lo) && (hi === "*" || d(iso) <= hi);
  }
  const cmp = /^(>=|<=|>|<)(\d{4}-\d{2}-\d{2})$/.exec(spec);
  if (cmp !== null) {
    const [op, v = ""] = [cmp[1], cmp[2]];
    if (op === ">=") return (iso) => d(iso) >= v;
    if (op === "<=") return (iso) => d(iso) <= v;
    if (op === ">") return (iso) => d(iso) > v;
    return (iso) => d(iso) < v;
  }
  return day.test(spec) ? (iso) => d(iso) === spec : undefined;
}

/** Parses `q`; returns a string naming the bad qualifier when it cannot be understood. */
export function parseQuery(q: string): SearchQuery | string {
  const out: {
    text: string[];
    inFields: ("name" | "description")[];
    ranges: SearchQuery["ranges"][number][];
    visibility?: "public" | "private";
    fork: "false" | "true" | "only";
    owner?: string;
    template?: boolean;
    archived?: boolean;
  } = { text: [], inFields: [], ranges: [], fork: "false" };
  for (const token of q.trim().split(/\s+/).filter(Boolean)) {
    const m = /^([a-z]+):(.+)$/.exec(token);
    if (m === null) {
      out.text.push(token.toLowerCase().replace(/^"|"$/g, ""));
      continue;
    }
    const [key, value = ""] = [m[1], m[2]];
    if (key === "in") {
      for (const f of value.split(",")) if (f === "name" || f === "description") out.inFields.push(f);
    } else if (key === "created" || key === "pushed") {
      const test = dateRange(value);
      if (test === undefined) return token;
      out.ranges.push({ field: key, test });
    } else if (key === "is" && (value === "public" || value === "private")) out.visibility = value;
    else if (key === "fork" && (value === "true" || value === "false" || value === "only")) out.fork = value;
    else if (key === "user" || key === "org") out.owner = value.toLowerCase();
    else if (key === "template" || key === "archived") out[key] = value === "true";
    else return token;
  }
  return out;
}

export function matches(q: SearchQuery, r: RepoFacts): boolean {
  if (r.private || q.visibility === "private") return false;
  if (q.fork === "false" && r.fork) return false;
  if (q.fork === "only" && !r.fork) return false;
  if (q.owner !== undefined && r.owner.toLowerCase() !== q.owner) return false;
  if (q.template !== undefined && r.is_template !== q.template) return false;
  if (q.archived !== undefined && r.archived !== q.archived) return false;
  for (const range of q.ranges)
    if (!range.test(range.field === "created" ? r.created_at : (r.pushed_at ?? ""))) return false;
  const fields = q.inFields.length > 0 ? q.inFields : (["name", "description"] as const);
  return q.text.every((t) =>
    fields.some((f) => (f === "name" ? r.name : (r.description ?? "")).toLowerCase().includes(t)),
  );
}

/** Requests seen per (query, page) and world, for the default time-outs. */
const asked = new WeakMap<object, Map<string, number>>();

/**
 * By default about one search in eight times out the first time it is asked (`incomplete_results: true`), and
 * answers completely when asked again (GitHub: "incomplete_results … the query timed out"; a retry usually
 * completes). Deterministic: FNV-1a of the query and page; counted per world (simulators sharing a world share it).
 */
function timesOut(world: object, key: string): boolean {
  let seen = asked.get(world);
  if (seen === undefined) {
    seen = new Map();
    asked.set(world, seen);
  }
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return n === 1 && (h >>> 0) % 8 === 0;
}

export const searchRoute: Route = {
  method: "GET",
  template: "/search/repositories",
  name: "github:search",
  resource: "search",
  access: "any",
  handle(ctx) {
    const q = ctx.query.get("q");
    if (q === null || q.trim() === "")
      return validationFailed([{ resource: "Search", field: "q", code: "missing" }], DOCS);
    const parsed = parseQuery(q);
    if (typeof parsed === "string")
      return validationFailed(
        [{ message: `The qualifier "${parsed}" is not supported.`, resource: "Search", field: "q", code: "invalid" }],
        DOCS,
      );
    const req = pageRequest(ctx.query);
    if ((req.page - 1) * req.perPage >= SEARCH_CAP)
      return error(422, "Only the first 1000 search results are available", {}, DOCS);
    const gh = ctx.world.github;
    const corpus = [...gh.skillsCourses().map(courseFacts), ...gh.learnerRepos().map(learnerFacts)];
    const found = corpus.filter((r) => matches(parsed, r));
    const sort = ctx.query.get("sort");
    const desc = ctx.query.get("order") !== "asc";
    found.sort((a, b) => {
      if (sort === "stars" || sort === "forks") {
        const k = sort === "stars" ? "stargazers_count" : "forks_count";
        return desc ? b[k] - a[k] : a[k] - b[k];
      }
      if (sort === "updated")
        return desc ? b.updated_at.localeCompare(a.updated_at) : a.updated_at.localeCompare(b.updated_at);
      return a.id - b.id;
    });
    const reachable = Math.min(found.length, SEARCH_CAP);
    const page = paged(found, ctx.url, req, reachable);
    const incomplete = ctx.fault?.kind === "incomplete" || timesOut(ctx.world, `${q}|${req.page}|${req.perPage}`);
    // a timed-out search answers what it found so far: here every other item of the page
    const items = incomplete ? page.body.filter((_, i) => i % 2 === 0) : page.body;
    return {
      status: 200,
      body: {
        total_count: found.length,
        incomplete_results: incomplete,
        items: items.map((r) => ({ ...repository(ctx.api, r), score: 1 })),
      },
      headers: page.headers,
    };
  },
};
