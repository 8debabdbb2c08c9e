/** The distinct faults of the reliability suite and what each imitates (docs/reliability.md quotes this table). */

export interface FaultCase {
  readonly group: "kusto" | "github";
  readonly name: string;
  readonly imitates: string;
  /** fault plan entries (sim/faults/plan.ts) */
  readonly faults: readonly Record<string, unknown>[];
  readonly datasets: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** the Kusto retry time budget (fake clock), ms */
  readonly budgetMs?: number;
  /** Kusto simulator limits for this case (a separate simulator) */
  readonly limits?: { readonly maxRecords: number };
  /** part of the small suite inside `npm test` */
  readonly small?: boolean;
}

const LA = ["learning_activity"];
const q = (f: Record<string, unknown>) => [{ route: "kusto:query", ...f }];
const k = (
  name: string,
  imitates: string,
  faults: Record<string, unknown>[],
  extra: Partial<FaultCase> = {},
): FaultCase => ({
  group: "kusto",
  name,
  imitates,
  faults,
  datasets: LA,
  ...extra,
});

export const KUSTO_CASES: readonly FaultCase[] = [
  k(
    "429 once, Retry-After",
    "cluster throttling a burst of queries",
    q({ nth: [1], kind: "status", status: 429, retryAfter: 2 }),
    { small: true },
  ),
  k(
    "429 beyond the time budget",
    "a cluster throttled for the whole run",
    q({ kind: "status", status: 429, retryAfter: 20 }),
    { budgetMs: 45_000 },
  ),
  k("500 once", "an internal error on one node", q({ nth: [2], kind: "status", status: 500 })),
  k(
    "503 every 2nd query, 3 times",
    "a cluster restarting (service unavailable)",
    q({ every: 2, times: 3, kind: "status", status: 503 }),
  ),
  k("504 once", "the gateway timing out a slow query", q({ nth: [1], kind: "status", status: 504 })),
  k("520 once", "Kusto's generic service error", q({ nth: [1], kind: "status", status: 520 })),
  k("500 always", "a cluster down for the whole run", q({ kind: "status", status: 500 }), { small: true }),
  k(
    "connection reset mid-body",
    "a load balancer dropping a long response",
    q({ nth: [1], kind: "reset", afterBytes: 400 }),
    { small: true },
  ),
  k("truncated body", "a proxy cutting the response short", q({ nth: [2], kind: "truncate", afterBytes: 300 })),
  k("HTML instead of JSON once", "a captive portal / misconfigured proxy", q({ nth: [1], kind: "non-json" })),
  k("HTML 502 always", "a proxy in front of a dead cluster", q({ kind: "non-json", status: 502 })),
  k("HasErrors completion", "a query failing mid-execution (node out of memory)", q({ kind: "has-errors" }), {
    small: true,
  }),
  k(
    "inline OneApiErrors row",
    "a partial failure the node client does not raise",
    q({ kind: "inline-error", afterRows: 5 }),
  ),
  k("column renamed", "upstream schema drift: a renamed column", q({ kind: "drift", change: "rename" })),
  k("column dropped", "upstream schema drift: a dropped column", q({ kind: "drift", change: "drop" })),
  k("column retyped", "upstream schema drift: a changed type", q({ kind: "drift", change: "retype" })),
  k("empty result", "a purged table or an ingestion gap", q({ kind: "empty" })),
  k("slow answers", "a cluster under load", q({ every: 2, kind: "latency", ms: 150 })),
  k("401 on queries", "an expired or revoked credential", q({ kind: "status", status: 401 })),
  k("403 on queries", "a principal that lost its database viewer role", q({ kind: "status", status: 403 })),
  k("400 semantic error", "a query the cluster rejects (function removed)", q({ kind: "status", status: 400 })),
  k(
    "query cancelled midway",
    "DataSetCompletion Cancelled: true after some rows",
    q({ kind: "cancelled", afterRows: 5 }),
    {
      small: true,
    },
  ),
  k(
    "column types as aliases",
    "ColumnType sent as an SDK alias (date, boolean, int64, ...)",
    q({ kind: "type-alias" }),
  ),
  k("text/plain 503", "a gateway answering an error in plain text", q({ nth: [1], kind: "text-error", status: 503 })),
  k("text/plain 403", "a front end refusing in plain text", q({ kind: "text-error", status: 403 })),
  k("result over the record limit", "E_QUERY_RESULT_SET_TOO_LARGE on a large window (split adaptively)", [], {
    limits: { maxRecords: 2_000 },
  }),
];

const g = (
  name: string,
  imitates: string,
  faults: Record<string, unknown>[],
  extra: Partial<FaultCase> = {},
): FaultCase => ({
  group: "github",
  name,
  imitates,
  faults,
  datasets: [],
  ...extra,
});

export const GITHUB_CASES: readonly FaultCase[] = [
  g("401 bad credentials", "a revoked or mistyped GITHUB_TOKEN", [], {
    env: { GITHUB_TOKEN: "ghp_wrong" },
    small: true,
  }),
  g(
    "primary rate limit, far reset",
    "the workflow token's hourly budget exhausted",
    [{ route: "github:events", kind: "status", status: 403, limit: "primary", retryAfter: 3600 }],
    { env: { GITHUB_TIME_BUDGET_SECONDS: "1" }, small: true },
  ),
  g("secondary rate limit, Retry-After", "GitHub's abuse detection slowing a burst", [
    { route: "github:events", nth: [2], kind: "status", status: 403, limit: "secondary", retryAfter: 1 },
  ]),
  g("502 burst on events", "GitHub's edge failing briefly", [
    { route: "github:events", nth: [1, 2], kind: "status", status: 502 },
  ]),
  g(
    "500 on Copilot reports",
    "the reports API failing",
    [{ route: "github:copilot-report", kind: "status", status: 500 }],
    { small: true },
  ),
  g("expired download link", "a signed report link used after expiry", [
    { route: "github:download", nth: [1], kind: "expired-link" },
  ]),
  g("malformed NDJSON line", "a report file cut or garbled", [{ route: "github:download", kind: "malformed-ndjson" }]),
  g("HTML instead of JSON", "the unicorn page during an outage", [
    { route: "github:events", nth: [1], kind: "non-json", status: 503 },
  ]),
  g("503 once on Copilot reports", "the reports API briefly unavailable", [
    { route: "github:copilot-report", nth: [1], kind: "status", status: 503 },
  ]),
  g("Copilot report not ready", "empty download_links (the day's report not generated yet)", [
    { route: "github:copilot-report", nth: [1, 2], kind: "empty-links" },
  ]),
  g("Copilot report shapes", "the documented report shapes mixed across days", [
    {
      route: "github:copilot-report",
      every: 2,
      kind: "copilot-shape",
      shape: "report",
      usersEncoding: "json",
      links: 2,
    },
  ]),
  g("org repos 404", "the Skills org renamed or hidden", [{ route: "github:org-repos", kind: "status", status: 404 }]),
  g("slow events", "a slow API edge", [{ route: "github:events", every: 2, kind: "latency", ms: 100 }]),
];
