/**
 * The data-sync status badge in the shields.io endpoint format (https://shields.io/badges/endpoint-badge):
 * `{ schemaVersion: 1, label, message, color }`. One mapping from the overall sync state, used by the site's static
 * copy (`badge/sync.json`) and the worker's `/api/badge/sync.json`, so both say the same thing for the same status.
 */
export type SyncOverall = "ok" | "degraded" | "stale";

export interface ShieldsEndpoint {
  readonly schemaVersion: 1;
  readonly label: string;
  readonly message: string;
  readonly color: string;
}

/** Statuses of a dataset's last sync that are healthy (the worker's rule). */
export const HEALTHY_STATUSES: ReadonlySet<string> = new Set(["ok", "unchanged", "skipped"]);

/**
 * `problems`: how many datasets are not fresh (stale) or whose last sync was not healthy (degraded); `total`: how
 * many datasets there are.
 */
export function syncBadge(overall: SyncOverall, problems: number, total: number): ShieldsEndpoint {
  const label = "data sync";
  if (overall === "ok") return { schemaVersion: 1, label, message: `fresh (${total} datasets)`, color: "brightgreen" };
  if (overall === "degraded")
    return { schemaVersion: 1, label, message: `degraded (${problems} of ${total})`, color: "orange" };
  return { schemaVersion: 1, label, message: `stale (${problems} of ${total})`, color: "red" };
}

/** Overall state and problem count from per-dataset freshness and last status (stale wins over degraded). */
export function syncOverall(datasets: readonly { freshness: string; status: string | null }[]): {
  overall: SyncOverall;
  problems: number;
} {
  const stale = datasets.filter((d) => d.freshness !== "fresh").length;
  const degraded = datasets.filter((d) => d.status !== null && !HEALTHY_STATUSES.has(d.status)).length;
  if (stale > 0) return { overall: "stale", problems: stale };
  if (degraded > 0) return { overall: "degraded", problems: degraded };
  return { overall: "ok", problems: 0 };
}

export function serializeBadge(b: ShieldsEndpoint): string {
  return `${JSON.stringify(b)}\n`;
}
