/**
 * GET /api/metrics/sync-status: sync status plus freshness per dataset and an overall state.
 *
 * Which status: the deployed copy (Workers Static Assets, frozen at deploy time) or, when `WORKER_SITE_URL` is set,
 * the published site's `data/sync_status.json` and run record `data/sync-run.json` (rebuilt after every sync), cached
 * 5 minutes, so a sync that lands on main shows here within minutes without a redeploy. The remote copy is never
 * trusted more than the deployed one: it is used only when it has the status's shape and is not older (newest
 * `last_success_at`); otherwise the answer comes from the deployed copy and says why (`source`, `source_note`).
 * Freshness counts a dataset the last run checked unchanged as fresh (core/staleness.ts).
 */
import { scrubMessage } from "#core/public-text.ts";
import {
  type Cadence,
  datasetFreshness,
  loadRunRecord,
  type RunRecordInput,
  type StatusDatasetLike,
} from "#core/staleness.ts";
import { assetJson } from "./assets.ts";
import { cacheKeyUrl } from "./cache.ts";
import { CACHE_TTL_MS, type WorkerConfig } from "./config.ts";
import type { Fetch } from "./kusto/token.ts";

/** The fields of data/sync_status.json the report reads (core/status.ts has the full zod schema). */
export interface SyncStatusLike {
  readonly datasets: Readonly<
    Record<string, StatusDatasetLike & { readonly rows: number | null; readonly error: string | null }>
  >;
}

export type Overall = "ok" | "degraded" | "stale";
export type StatusSource = "site" | "deployed";

export interface DatasetReport {
  readonly status: string | null;
  readonly cadence: Cadence;
  readonly freshness: "fresh" | "stale" | "never";
  /** hours since the last successful check */
  readonly age_hours: number | null;
  /** the last successful check, changed or not */
  readonly last_checked_at: string | null;
  readonly last_success_at: string | null;
  readonly last_changed_at: string | null;
  readonly rows: number | null;
  readonly error: string | null;
}

export interface SyncStatusAnswer {
  readonly overall: Overall;
  readonly checked_at: string;
  readonly source?: StatusSource;
  readonly source_note?: string;
  /** how the run record was used: "used", "absent", "ignored: …" */
  readonly run_record: string;
  readonly datasets: Record<string, DatasetReport>;
}

const HEALTHY = new Set(["ok", "unchanged", "skipped"]);
const STATUSES = new Set(["ok", "unchanged", "refused", "failed", "skipped", "partial"]);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const NAME = /^[a-z][a-z0-9_]*$/;
const SHA = /^[0-9a-f]{64}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isoOrNull = (v: unknown): v is string | null => v === null || (typeof v === "string" && ISO.test(v));

/** The status's shape (version 1, every entry's fields typed), or undefined: nothing else is trusted. */
export function parseStatusLike(json: unknown): SyncStatusLike | undefined {
  if (!isObject(json) || json.version !== 1 || !isObject(json.datasets)) return undefined;
  const datasets: Record<string, SyncStatusLike["datasets"][string]> = {};
  for (const [name, e] of Object.entries(json.datasets)) {
    if (!NAME.test(name) || !isObject(e)) return undefined;
    const { status, last_success_at, last_changed_at, rows, error, sha256 } = e;
    if (typeof status !== "string" || !STATUSES.has(status)) return undefined;
    if (!isoOrNull(last_success_at) || !isoOrNull(last_changed_at)) return undefined;
    if (rows !== null && !(typeof rows === "number" && Number.isInteger(rows) && rows >= 0)) return undefined;
    if (error !== null && typeof error !== "string") return undefined;
    if (sha256 !== undefined && sha256 !== null && !(typeof sha256 === "string" && SHA.test(sha256))) return undefined;
    // never an upstream value in a public answer, even from a remote copy
    datasets[name] = {
      status,
      last_success_at,
      last_changed_at,
      rows,
      error: error === null ? null : scrubMessage(error, 300),
      ...(typeof sha256 === "string" ? { sha256 } : {}),
    };
  }
  return { datasets };
}

function newest(status: SyncStatusLike): string {
  let out = "";
  for (const e of Object.values(status.datasets))
    if (e.last_success_at !== null && e.last_success_at > out) out = e.last_success_at;
  return out;
}

export function syncStatusReport(
  status: SyncStatusLike,
  cadences: Readonly<Record<string, Cadence>>,
  now: Date,
  run: RunRecordInput = { kind: "absent" },
): SyncStatusAnswer {
  const fresh = datasetFreshness(status, run, cadences, now);
  const datasets: Record<string, DatasetReport> = {};
  let stale = false;
  let degraded = false;
  for (const name of Object.keys(cadences).sort()) {
    const entry = status.datasets[name];
    const f = fresh.datasets[name];
    if (f === undefined) continue;
    if (f.state !== "fresh") stale = true;
    if (entry !== undefined && !HEALTHY.has(entry.status)) degraded = true;
    datasets[name] = {
      status: entry?.status ?? null,
      cadence: f.cadence,
      freshness: f.state,
      age_hours: f.ageHours === null ? null : Math.round(f.ageHours * 10) / 10,
      last_checked_at: f.lastCheckedAt,
      last_success_at: entry?.last_success_at ?? null,
      last_changed_at: entry?.last_changed_at ?? null,
      rows: entry?.rows ?? null,
      error: entry?.error ?? null,
    };
  }
  const overall: Overall = stale ? "stale" : degraded ? "degraded" : "ok";
  return { overall, checked_at: `${now.toISOString().slice(0, 19)}Z`, run_record: fresh.runRecord, datasets };
}

export interface RemoteDeps {
  readonly fetch: Fetch;
  readonly cache: Cache;
  /** cache clock, ms */
  readonly now: () => number;
  readonly timeoutMs: number;
}

interface SiteCopy {
  readonly status: string;
  readonly run: string | null;
}

const STORED_AT = "x-ace-stored-at";

async function fetchText(url: string, deps: RemoteDeps): Promise<string | undefined> {
  const res = await deps.fetch(url, {
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(deps.timeoutMs),
  });
  if (res.status !== 200) {
    await res.body?.cancel();
    return undefined;
  }
  return res.text();
}

/** The site's status and run record texts, from the cache when stored less than 5 minutes ago (only good copies are stored). */
/** Per-isolate copies too: the Cache API stores nothing on *.workers.dev (see cache.ts). */
const memory = new Map<string, { readonly storedAt: number; readonly copy: SiteCopy }>();

async function siteCopy(siteUrl: string, deps: RemoteDeps): Promise<SiteCopy | "unreachable"> {
  const key = cacheKeyUrl(`sync-status/site/${encodeURIComponent(siteUrl)}`);
  const kept = memory.get(key);
  const age = kept === undefined ? Number.NaN : deps.now() - kept.storedAt;
  if (kept !== undefined && age >= 0 && age < CACHE_TTL_MS) return kept.copy;
  const hit = await deps.cache.match(key);
  if (hit !== undefined) {
    const storedAt = Number(hit.headers.get(STORED_AT));
    const body = await hit.text();
    if (Number.isFinite(storedAt) && deps.now() - storedAt < CACHE_TTL_MS) {
      try {
        const v = JSON.parse(body) as SiteCopy;
        if (typeof v.status === "string" && (v.run === null || typeof v.run === "string")) return v;
      } catch {
        // a damaged entry is refetched
      }
    }
  }
  const base = siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`;
  let copy: SiteCopy;
  try {
    const [status, run] = await Promise.all([
      fetchText(new URL("data/sync_status.json", base).toString(), deps),
      fetchText(new URL("data/sync-run.json", base).toString(), deps).catch(() => undefined),
    ]);
    if (status === undefined) return "unreachable";
    copy = { status, run: run ?? null };
  } catch {
    return "unreachable";
  }
  if (parseStatusLike(safeJson(copy.status)) !== undefined) {
    const res = new Response(JSON.stringify(copy), {
      headers: {
        "content-type": "application/json",
        "cache-control": "max-age=86400",
        [STORED_AT]: String(deps.now()),
      },
    });
    await deps.cache.put(key, res);
    memory.delete(key);
    memory.set(key, { storedAt: deps.now(), copy });
    for (const k of memory.keys()) if (memory.size > 8) memory.delete(k);
  }
  return copy;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The answer from the better of the deployed copy and the site's copy (see the file comment). `deployed` may be
 * undefined (no status shipped): then an empty status, unless the site has a valid one.
 */
export async function liveSyncStatus(
  deployed: unknown,
  cadences: Readonly<Record<string, Cadence>>,
  now: Date,
  siteUrl: string,
  deps: RemoteDeps,
): Promise<SyncStatusAnswer> {
  const own = parseStatusLike(deployed) ?? { datasets: {} };
  const answer = (status: SyncStatusLike, run: RunRecordInput, source: StatusSource, note: string) => ({
    ...syncStatusReport(status, cadences, now, run),
    source,
    source_note: note,
  });
  if (siteUrl === "") return answer(own, { kind: "absent" }, "deployed", "no WORKER_SITE_URL configured");
  const copy = await siteCopy(siteUrl, deps);
  if (copy === "unreachable") return answer(own, { kind: "absent" }, "deployed", "site copy unreachable");
  const remote = parseStatusLike(safeJson(copy.status));
  if (remote === undefined) return answer(own, { kind: "absent" }, "deployed", "site copy invalid");
  if (newest(remote) < newest(own))
    return answer(own, { kind: "absent" }, "deployed", "site copy older than the deployed one");
  const run = copy.run === null ? ({ kind: "absent" } as const) : loadRunRecord(copy.run);
  return answer(remote, run, "site", "published site, cached up to 5 minutes");
}

/** The status the worker answers now: its deployed copy (Static Assets) or the published site's, whichever is newer. */
export async function currentSyncStatus(
  assets: Fetcher,
  config: Pick<WorkerConfig, "dataNow" | "siteUrl" | "timeoutMs">,
  deps: Omit<RemoteDeps, "timeoutMs">,
): Promise<SyncStatusAnswer> {
  const [status, cadences] = await Promise.all([
    assetJson(assets, "/sync_status.json"),
    assetJson(assets, "/datasets.json"),
  ]);
  return liveSyncStatus(status, (cadences ?? {}) as Record<string, Cadence>, config.dataNow, config.siteUrl, {
    ...deps,
    timeoutMs: config.timeoutMs,
  });
}
