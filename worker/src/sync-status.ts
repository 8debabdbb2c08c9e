/** GET /api/metrics/sync-status: the committed sync_status.json plus staleness per dataset and an overall state. */
import { type Cadence, freshness } from "../../actions/shared/staleness.ts";

/** The fields of data/sync_status.json the report reads (actions/shared/status.ts has the full zod schema). */
export interface SyncStatusLike {
  readonly datasets: Readonly<
    Record<
      string,
      {
        readonly status: string;
        readonly last_success_at: string | null;
        readonly last_changed_at: string | null;
        readonly rows: number | null;
        readonly error: string | null;
      }
    >
  >;
}

export type Overall = "ok" | "degraded" | "stale";

export interface DatasetReport {
  readonly status: string | null;
  readonly cadence: Cadence;
  readonly freshness: "fresh" | "stale" | "never";
  readonly age_hours: number | null;
  readonly last_success_at: string | null;
  readonly last_changed_at: string | null;
  readonly rows: number | null;
  readonly error: string | null;
}

const HEALTHY = new Set(["ok", "unchanged", "skipped"]);

export function syncStatusReport(
  status: SyncStatusLike,
  cadences: Readonly<Record<string, Cadence>>,
  now: Date,
): { overall: Overall; checked_at: string; datasets: Record<string, DatasetReport> } {
  const datasets: Record<string, DatasetReport> = {};
  let stale = false;
  let degraded = false;
  for (const name of Object.keys(cadences).sort()) {
    const cadence = cadences[name] ?? "nightly";
    const entry = status.datasets[name];
    const f = freshness(entry, cadence, now);
    if (f.state !== "fresh") stale = true;
    if (entry !== undefined && !HEALTHY.has(entry.status)) degraded = true;
    datasets[name] = {
      status: entry?.status ?? null,
      cadence,
      freshness: f.state,
      age_hours: f.ageHours === null ? null : Math.round(f.ageHours * 10) / 10,
      last_success_at: entry?.last_success_at ?? null,
      last_changed_at: entry?.last_changed_at ?? null,
      rows: entry?.rows ?? null,
      error: entry?.error ?? null,
    };
  }
  const overall: Overall = stale ? "stale" : degraded ? "degraded" : "ok";
  return { overall, checked_at: `${now.toISOString().slice(0, 19)}Z`, datasets };
}
