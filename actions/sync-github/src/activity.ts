/**
 * github_activity: visits tracked logins (public logins in unified_users.csv), least recently visited first, with
 * the stored ETag (`If-None-Match` → a free 304 for an unchanged user), pages newest-first until reaching the
 * newest event already counted, the 300-event cap or a 422; 404 (renamed/deleted) is recorded, not fatal, with its
 * date: a gone login is asked again only once that check is GONE_RECHECK_DAYS old (a restored account returns). Stops
 * starting new logins when the rate budget reaches its reserve: rows completed so far are written, the cursor
 * saved, and the status says `partial` with how far it got; the next run resumes with the logins not visited.
 */
import { readAll } from "#core/csv.ts";
import { formatDate, type Row } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";
import { type ActivityState, type LoginState, readActivityState, serializeActivityState } from "#core/state.ts";
import type { DatasetRun, SyncContext } from "../../sync-core/src/source.ts";
import { accumulate, type EventLike } from "./activity-accumulate.ts";
import type { RateBudget } from "./budget.ts";
import { type GitHubClient, isPrimaryLimit, isSecondaryLimit, statusOf } from "./client.ts";

const MAX_PAGES = 3; // 300 events at per_page=100

/** Days before a login that answered 404 (renamed/deleted) is requested again: a restored account comes back. */
export const GONE_RECHECK_DAYS = 30;

/**
 * Whether a login is to be requested now: always, unless it answered 404 less than GONE_RECHECK_DAYS ago. An undated
 * gone login (state written before the date existed) or one dated after `now` (a clock set back) is checked now.
 */
export function dueForVisit(s: Pick<LoginState, "gone" | "gone_checked_at">, now: Date): boolean {
  if (!s.gone || s.gone_checked_at === undefined) return true;
  const age = now.getTime() - Date.parse(`${s.gone_checked_at}T00:00:00Z`);
  return age < 0 || age >= GONE_RECHECK_DAYS * 86_400_000;
}

interface Visit {
  readonly status: "changed" | "unchanged" | "gone" | "capped";
  readonly events: EventLike[];
  readonly etag: string | undefined;
}

async function visit(
  client: GitHubClient,
  login: string,
  etag: string | undefined,
  newest: string | null,
): Promise<Visit> {
  const events: EventLike[] = [];
  let firstEtag: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    let res: { data: unknown; headers: Record<string, string | undefined> };
    try {
      res = (await client.request("GET /users/{username}/events/public", {
        username: login,
        per_page: 100,
        page,
        headers: page === 1 && etag ? { "if-none-match": etag } : {},
      })) as unknown as { data: unknown; headers: Record<string, string | undefined> };
    } catch (err) {
      const s = statusOf(err);
      if (s === 304) return { status: "unchanged", events, etag };
      if (s === 404) return { status: "gone", events, etag: undefined };
      if (s === 422) return { status: "capped", events, etag: firstEtag };
      throw err;
    }
    if (page === 1) firstEtag = res.headers.etag;
    const batch = res.data as EventLike[];
    events.push(...batch);
    const reachedKnown = newest !== null && batch.some((e) => BigInt(e.id) <= BigInt(newest));
    if (reachedKnown || batch.length < 100 || !/rel="next"/.test(res.headers.link ?? "")) break;
  }
  return { status: "changed", events, etag: firstEtag };
}

export async function syncActivity(opts: {
  client: GitHubClient;
  budget: RateBudget;
  ctx: SyncContext;
  /** visit at most this many logins (a rotation through the cursor; not `partial` when only this stops the run) */
  maxVisits?: number;
}): Promise<DatasetRun> {
  const { ctx } = opts;
  const users = await readAll(ctx.dataDir, getSchema("unified_users"));
  const logins = [
    ...new Set(users.map((u) => u.github_login).filter((l): l is string => typeof l === "string" && l !== "")),
  ].sort();
  const state: ActivityState = readActivityState(ctx.dataDir);
  const existing = await readAll(ctx.dataDir, getSchema("github_activity")).catch(() => [] as Row[]);
  const rowsByLogin = new Map<string, Row[]>();
  for (const r of existing)
    rowsByLogin.set(String(r.github_login), [...(rowsByLogin.get(String(r.github_login)) ?? []), r]);

  // Round robin from the saved cursor, so an interrupted cycle resumes where it stopped and every login is
  // reached in turn; a completed cycle clears the cursor (no committed byte changes when nothing changed).
  const start =
    state.cursor === null
      ? 0
      : Math.max(
          0,
          logins.findIndex((l) => l >= (state.cursor ?? "")),
        );
  const order = [...logins.slice(start), ...logins.slice(0, start)];
  const counts = { visited: 0, changed: 0, unchanged: 0, gone: 0, capped: 0, events: 0, gone_not_due: 0 };
  const maxVisits = opts.maxVisits ?? order.length;
  let stopped = false;
  let pos = 0; // logins of `order` dealt with: visited, or passed over as gone and not due for a re-check
  for (; pos < order.length; pos++) {
    const login = order[pos] ?? "";
    const known = state.logins[login];
    if (known && !dueForVisit(known, ctx.now)) {
      counts.gone_not_due++;
      continue;
    }
    if (counts.visited >= maxVisits) break;
    if (opts.budget.exhausted()) {
      stopped = true;
      break;
    }
    const s = known ?? { newest: null, etag: null, gone: false, weeks: {} };
    state.logins[login] = s;
    let v: Visit;
    try {
      v = await visit(opts.client, login, s.etag ?? undefined, s.newest);
    } catch (err) {
      // Primary limit exhausted (reset beyond this run's time budget) or a secondary limit still in force after
      // its bounded retries: stop here, keep what is done, resume at this login next run.
      if (isPrimaryLimit(err) || isSecondaryLimit(err)) {
        ctx.log.info(`github_activity: rate limited at ${login}; resuming there next run`);
        stopped = true;
        break;
      }
      throw err;
    }
    counts.visited++;
    counts[v.status]++;
    s.gone = v.status === "gone";
    if (s.gone) s.gone_checked_at = formatDate(ctx.now);
    else delete s.gone_checked_at;
    if (v.status === "unchanged" || v.status === "gone") continue;
    s.etag = v.etag ?? null;
    const r = accumulate(login, rowsByLogin.get(login) ?? [], s, v.events);
    counts.events += r.added;
    rowsByLogin.set(login, r.rows);
  }
  const total = order.length;
  const partial = stopped && pos < total;
  const cursor = pos < total ? (order[pos] ?? null) : null;
  state.cursor = cursor;
  const rows = [...rowsByLogin.values()].flat();
  return {
    rows,
    sources: ["github:/users/{username}/events/public"],
    outcome: () => ({
      stateFiles: new Map([["state/activity.json", serializeActivityState(state)]]),
      ...(partial ? { partial: { done: pos, total, cursor } } : { progress: { done: pos, total, cursor } }),
    }),
    details: () => ({ ...counts, requests: opts.budget.requests, not_modified: opts.budget.notModified }),
  };
}
