/**
 * Incremental accumulation of public events into github_activity rows (login × ISO week × event type), by event
 * id: only events newer than the login's newest seen id count, so nothing is counted twice, and rows of weeks the
 * API no longer shows are kept. Distinct repositories of still-open weeks are tracked as hashes in the state.
 */

import type { Row } from "#core/format.ts";
import { isoWeek, type LoginState, repoHash } from "#core/state.ts";

export interface EventLike {
  readonly id: string;
  readonly type: string | null;
  readonly repo: { readonly name: string };
  readonly created_at: string | null;
}

export type LoginActivityState = Pick<LoginState, "newest" | "weeks">;

const newer = (a: string, b: string | null) => b === null || BigInt(a) > BigInt(b);

/**
 * Applies the events of one visit (newest first, as the API returns them) to the login's rows and state.
 * Returns the updated rows of that login (all weeks) and how many events were new.
 */
export function accumulate(
  login: string,
  rows: readonly Row[],
  state: LoginActivityState,
  events: readonly EventLike[],
): { rows: Row[]; added: number } {
  const fresh = events.filter((e) => e.type && e.created_at && newer(e.id, state.newest));
  if (fresh.length === 0) return { rows: [...rows], added: 0 };
  const byKey = new Map(rows.map((r) => [`${r.week}|${r.event_type}`, { ...r }]));
  for (const e of fresh) {
    const week = isoWeek(e.created_at ?? "");
    const type = e.type ?? "";
    const key = `${week}|${type}`;
    const types = state.weeks[week] ?? {};
    state.weeks[week] = types;
    const repos = types[type] ?? [];
    types[type] = repos;
    const h = repoHash(e.repo.name);
    if (!repos.includes(h)) repos.push(h);
    const row = byKey.get(key) ?? { github_login: login, week, event_type: type, events: 0, distinct_repos: 0 };
    row.events = Number(row.events) + 1;
    row.distinct_repos = Math.max(Number(row.distinct_repos), repos.length);
    byKey.set(key, row);
  }
  const newest = fresh.reduce((m, e) => (newer(e.id, m) ? e.id : m), state.newest);
  state.newest = newest;
  // Weeks before the newest event's week can receive no new events: close them.
  const newestEvent = fresh.find((e) => e.id === newest);
  const openFrom = newestEvent?.created_at ? isoWeek(newestEvent.created_at) : undefined;
  if (openFrom) for (const w of Object.keys(state.weeks)) if (w < openFrom) delete state.weeks[w];
  for (const w of Object.values(state.weeks)) for (const t of Object.keys(w)) w[t]?.sort();
  return { rows: [...byKey.values()], added: fresh.length };
}
