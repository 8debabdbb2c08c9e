/** Per-dataset freshness rows for the Data page and the banner shown on every page. */
import { scrubMessage } from "#core/public-text.ts";
import type { DatasetSchema } from "#core/schema.ts";
import {
  type DatasetStatus,
  datasetFreshness,
  type FreshnessReport,
  type RunRecordInput,
  type SyncStatus,
} from "#core/status.ts";

export interface DatasetHealth {
  readonly name: string;
  readonly title: string;
  readonly cadence: DatasetSchema["cadence"];
  readonly status: DatasetStatus | "missing";
  readonly state: "fresh" | "stale" | "never";
  /** hours since the last successful check */
  readonly ageHours: number | null;
  readonly lastSuccessAt: string | null;
  /** the last successful check, changed or not (the run record's checked_at when newer than last_success_at) */
  readonly lastCheckedAt: string | null;
  readonly lastChangedAt: string | null;
  readonly rows: number | null;
  readonly sources: readonly string[];
  readonly notReadyDays: readonly string[];
  readonly error: string | null;
  /** why this dataset is in the banner, or null when it is healthy */
  readonly problem: string | null;
}

const BAD_STATUS: ReadonlySet<string> = new Set(["partial", "refused", "failed"]);

function problemOf(status: DatasetHealth["status"], state: DatasetHealth["state"]): string | null {
  const parts: string[] = [];
  if (status === "missing" || state === "never") parts.push("never synced");
  else if (state === "stale") parts.push("stale");
  if (BAD_STATUS.has(status)) parts.push(`last sync ${status}`);
  return parts.length > 0 ? parts.join(", ") : null;
}

/** The shared freshness report (core/staleness.ts) for every dataset of `schemas`. */
export function freshnessReport(
  schemas: ReadonlyMap<string, DatasetSchema>,
  status: SyncStatus,
  now: Date,
  run: RunRecordInput = { kind: "absent" },
): FreshnessReport {
  const cadences = Object.fromEntries([...schemas.values()].map((s) => [s.name, s.cadence]));
  return datasetFreshness(status, run, cadences, now);
}

export function datasetHealth(
  schemas: ReadonlyMap<string, DatasetSchema>,
  status: SyncStatus,
  now: Date,
  run: RunRecordInput = { kind: "absent" },
): DatasetHealth[] {
  const report = freshnessReport(schemas, status, now, run);
  return [...schemas.values()].map((s) => {
    const e = status.datasets[s.name];
    const f = report.datasets[s.name];
    const state = f?.state ?? "never";
    const st: DatasetHealth["status"] = e?.status ?? "missing";
    return {
      name: s.name,
      title: s.title,
      cadence: s.cadence,
      status: st,
      state,
      ageHours: f?.ageHours ?? null,
      lastSuccessAt: e?.last_success_at ?? null,
      lastCheckedAt: f?.lastCheckedAt ?? null,
      lastChangedAt: e?.last_changed_at ?? null,
      rows: e?.rows ?? null,
      sources: e?.sources ?? [],
      notReadyDays: e?.not_ready_days ?? [],
      // no upstream value on a public page, even from a status written before messages were scrubbed
      error: e?.error == null ? null : scrubMessage(e.error, 300),
      problem: problemOf(st, state),
    };
  });
}

export function bannerItems(health: readonly DatasetHealth[]): DatasetHealth[] {
  return health.filter((h) => h.problem !== null);
}
