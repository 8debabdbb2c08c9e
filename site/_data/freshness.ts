/** Per-dataset freshness rows for the Data page and the banner shown on every page. */
import { scrubMessage } from "../../actions/shared/public-text.ts";
import type { DatasetSchema } from "../../actions/shared/schema.ts";
import { type DatasetStatus, freshness, type SyncStatus } from "../../actions/shared/status.ts";

export interface DatasetHealth {
  readonly name: string;
  readonly title: string;
  readonly cadence: DatasetSchema["cadence"];
  readonly status: DatasetStatus | "missing";
  readonly state: "fresh" | "stale" | "never";
  readonly ageHours: number | null;
  readonly lastSuccessAt: string | null;
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

export function datasetHealth(
  schemas: ReadonlyMap<string, DatasetSchema>,
  status: SyncStatus,
  now: Date,
): DatasetHealth[] {
  return [...schemas.values()].map((s) => {
    const e = status.datasets[s.name];
    const f = freshness(e, s.cadence, now);
    const st: DatasetHealth["status"] = e?.status ?? "missing";
    return {
      name: s.name,
      title: s.title,
      cadence: s.cadence,
      status: st,
      state: f.state,
      ageHours: f.ageHours,
      lastSuccessAt: e?.last_success_at ?? null,
      lastChangedAt: e?.last_changed_at ?? null,
      rows: e?.rows ?? null,
      sources: e?.sources ?? [],
      notReadyDays: e?.not_ready_days ?? [],
      // no upstream value on a public page, even from a status written before messages were scrubbed
      error: e?.error == null ? null : scrubMessage(e.error, 300),
      problem: problemOf(st, f.state),
    };
  });
}

export function bannerItems(health: readonly DatasetHealth[]): DatasetHealth[] {
  return health.filter((h) => h.problem !== null);
}
