/** sync_status.json entries for tests: every field at its quiet default, overridden where the test cares. */
import type { StatusEntry } from "#core/status.ts";

export function statusEntry(over: Partial<StatusEntry> = {}): StatusEntry {
  return {
    status: "ok",
    last_success_at: null,
    last_changed_at: null,
    sha256: null,
    rows: null,
    sources: [],
    progress: null,
    not_ready_days: [],
    error: null,
    ...over,
  };
}
