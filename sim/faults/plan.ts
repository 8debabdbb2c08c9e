/**
 * Declarative fault plan shared by the Kusto and GitHub simulators.
 *
 * A plan is plain JSON (tests, the demo and benches pass it in; `parseFaultPlan` validates it with zod):
 *
 * ```json
 * { "seed": 7, "faults": [
 *   { "route": "kusto:query", "nth": [1], "kind": "status", "status": 429, "retryAfter": 2 },
 *   { "route": "github:events", "probability": 0.1, "kind": "latency", "ms": 300 },
 *   { "route": "kusto:*", "every": 5, "kind": "reset" } ] }
 * ```
 *
 * - `route` names a simulator route, `<sim>:<name>` (`kusto:query`, `kusto:mgmt`, `kusto:auth-metadata`,
 *   `github:events`, `github:copilot-report`, `github:download`, …); a trailing `*` matches a prefix
 *   (`kusto:*`, `*`). Each simulator documents its route names.
 * - Selection (at most one; none = every request): `nth` lists 1-based request indexes on that route,
 *   `every: k` hits requests k, 2k, 3k…, `probability: p` hits each request with probability p using a PRNG
 *   seeded from `seed` + route + index (deterministic: the same plan and request order give the same faults,
 *   independent of other routes' traffic). `times` caps how often the fault fires in total.
 * - `kind` + parameters: see {@link FaultKind} and the docs in `docs/kusto-simulator.md` / `docs/github-simulator.md`.
 *   Extra parameters are kept (passthrough) so each simulator can read its own (`status`, `ms`, `retryAfter`,
 *   `column`, `to`, `type`, `afterBytes`, `message`, …).
 *
 * The first matching fault of the plan wins (plan order), so a plan reads top-down like a rule list.
 */
import { z } from "zod";

/**
 * Fault kinds and the real-world case each imitates:
 * - `status`: an HTTP error with the service's real body (`status` param). Kusto 429 throttling ("The query was
 *   aborted due to throttling…" + Retry-After), 500 internal error, 504 gateway timeout, 520 service error;
 *   GitHub 403/429 primary and secondary rate limits, 5xx, 404, 422.
 * - `latency`: the response is delayed by `ms` (a slow cluster under load / a slow GitHub API edge).
 * - `reset`: the TCP connection is destroyed mid-body after `afterBytes` bytes (a gateway or load balancer dropping
 *   the connection: ECONNRESET / "socket hang up" in the client).
 * - `truncate`: the body ends early after `afterBytes` bytes but the connection closes cleanly (a proxy cutting a
 *   long response; the client sees invalid JSON).
 * - `non-json`: an HTML/plain-text error page with status 200 or `status` (a misconfigured proxy or captive portal
 *   answering instead of the service).
 * - `has-errors` (Kusto): the query completes with `DataSetCompletion.HasErrors: true` and OneApiErrors (a query
 *   that failed mid-execution, e.g. a node running out of memory).
 * - `inline-error` (Kusto): a OneApiErrors object in place of a row after `afterRows` rows (partial failure the
 *   node client does NOT throw on).
 * - `drift` (Kusto): schema drift: `change: "rename"|"drop"|"retype"` of `column` (`to` new name / `type` new Kusto
 *   type), as when the upstream team alters a table without notice.
 * - `empty`: an empty but valid result (a table purged / an ingestion gap / a day without data).
 * - `expired-link` (GitHub): a signed Copilot report download link that has expired (403 from the blob origin).
 * - `malformed-ndjson` (GitHub): one NDJSON line of a report is cut/garbled.
 * - `cancelled` (Kusto): `afterRows` rows, then `DataSetCompletion` with `Cancelled: true`, `HasErrors: false` (a query
 *   cancelled midway). `type-alias` (Kusto): PrimaryResult column types sent as SDK-known aliases (`aliases`: a map
 *   canonical → alias; default date/time/boolean/double/uuid/int64/int32). `text-error` (Kusto): an HTTP error
 *   (`status`, default 503) with a `text/plain` body (`message`). Evidence: docs/kusto-simulator.md.
 * - `copilot-shape` (GitHub): the Copilot report files in a forced variant (`shape`: flat|report|legacy, `encoding` /
 *   `usersEncoding`: ndjson|json, `links`: users files). `empty-links` (GitHub): a report answered 200 with
 *   `download_links: []`. `incomplete` (GitHub): search answers `incomplete_results: true` with half the items.
 *   A `status` 403/429 with `limit: "secondary"` and `retryAfterHeader: false` omits `retry-after`.
 *   Evidence: docs/github-simulator.md.
 */
export const FAULT_KINDS = [
  "status",
  "latency",
  "reset",
  "truncate",
  "non-json",
  "has-errors",
  "inline-error",
  "drift",
  "empty",
  "expired-link",
  "malformed-ndjson",
  "cancelled",
  "type-alias",
  "text-error",
  "copilot-shape",
  "empty-links",
  "incomplete",
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSchema = z
  .object({
    route: z.string().min(1),
    kind: z.enum(FAULT_KINDS),
    nth: z.array(z.number().int().positive()).optional(),
    every: z.number().int().positive().optional(),
    probability: z.number().min(0).max(1).optional(),
    times: z.number().int().positive().optional(),
    /** HTTP status for `status` / `non-json` */
    status: z.number().int().min(100).max(599).optional(),
    /** milliseconds for `latency` */
    ms: z.number().int().nonnegative().optional(),
    /** seconds for a Retry-After header */
    retryAfter: z.number().int().nonnegative().optional(),
    /** bytes written before `reset` / `truncate` */
    afterBytes: z.number().int().nonnegative().optional(),
    /** rows written before `inline-error` */
    afterRows: z.number().int().nonnegative().optional(),
    /** `drift` parameters */
    change: z.enum(["rename", "drop", "retype"]).optional(),
    column: z.string().optional(),
    to: z.string().optional(),
    type: z.string().optional(),
    /** override of the error message */
    message: z.string().optional(),
  })
  .passthrough()
  .refine((f) => [f.nth, f.every, f.probability].filter((x) => x !== undefined).length <= 1, {
    message: "use at most one of nth, every, probability",
  });

export const faultPlanSchema = z.object({
  seed: z.number().int().optional(),
  faults: z.array(faultSchema).default([]),
});

export type Fault = z.infer<typeof faultSchema>;
export type FaultPlan = z.infer<typeof faultPlanSchema>;
/** What callers may pass: a validated plan, its JSON input, or nothing. */
export type FaultPlanInput = z.input<typeof faultPlanSchema> | undefined;

/** Validates a plan (throws a ZodError naming the bad field). */
export function parseFaultPlan(input: unknown): FaultPlan {
  return faultPlanSchema.parse(input ?? { faults: [] });
}

export interface FaultInjector {
  /** The fault (if any) for the `requestIndex`-th (1-based) request on `route`. Pure except for the `times` budget. */
  match(route: string, requestIndex: number): Fault | undefined;
  /**
   * Counts a request on `route` and returns its fault: the usual entry point for a simulator
   * (`const fault = faults.next("kusto:query")`).
   */
  next(route: string): Fault | undefined;
  /** Requests counted per route so far. */
  counts(): ReadonlyMap<string, number>;
}

export function routeMatches(pattern: string, route: string): boolean {
  return pattern.endsWith("*") ? route.startsWith(pattern.slice(0, -1)) : pattern === route;
}

/** 32-bit FNV-1a hash, to seed the PRNG per (seed, route, index). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32 first draw in [0, 1). */
function unitFloat(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function selects(fault: Fault, index: number, seed: number, faultNo: number, route: string): boolean {
  if (fault.nth !== undefined) return fault.nth.includes(index);
  if (fault.every !== undefined) return index % fault.every === 0;
  if (fault.probability !== undefined)
    return unitFloat(hash(`${seed}|${faultNo}|${route}|${index}`)) < fault.probability;
  return true;
}

export function createFaultInjector(input?: FaultPlanInput | FaultPlan): FaultInjector {
  const plan = parseFaultPlan(input);
  const seed = plan.seed ?? 0;
  const fired = new Map<number, number>();
  const seen = new Map<string, number>();
  const match = (route: string, requestIndex: number): Fault | undefined => {
    for (const [no, fault] of plan.faults.entries()) {
      if (!routeMatches(fault.route, route)) continue;
      if (fault.times !== undefined && (fired.get(no) ?? 0) >= fault.times) continue;
      if (!selects(fault, requestIndex, seed, no, route)) continue;
      fired.set(no, (fired.get(no) ?? 0) + 1);
      return fault;
    }
    return undefined;
  };
  return {
    match,
    next(route) {
      const index = (seen.get(route) ?? 0) + 1;
      seen.set(route, index);
      return match(route, index);
    },
    counts: () => seen,
  };
}
