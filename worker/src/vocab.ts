/**
 * The sync's upstream vocabularies (actions/sync-kusto/src/normalize/vocab.ts), mirrored because that module's
 * type imports reach Node-only files the worker's type program cannot load. `scripts/build-worker-index.ts` (run
 * before the worker tests, `npm run dev:worker` and deploy) fails when the two differ, so they cannot drift.
 * An unknown upstream value throws (→ fallback), as the sync refuses it.
 */
export function lookup<T>(table: Readonly<Record<string, T>>, value: string | null, what: string): T {
  const v = value === null ? undefined : table[value];
  if (v === undefined) throw new Error(`unknown upstream value in ${what}`);
  return v;
}

export const PEARSON_STATUS: Readonly<Record<string, string>> = {
  Registered: "eligible",
  Scheduled: "scheduled",
  Completed: "completed",
  NoShow: "no_show",
  Cancelled: "cancelled",
};

export const LEGACY_STATE: Readonly<Record<string, string>> = {
  Scheduled: "scheduled",
  Completed: "completed",
  NoShow: "no_show",
  Cancelled: "cancelled",
};

export const DELIVERY: Readonly<Record<string, string>> = {
  OnVUE: "online",
  "Online Proctored": "online",
  "Test Center": "test_center",
};

export const PASS_FAIL: Readonly<Record<string, boolean>> = { Pass: true, Fail: false };

export const LEGACY_EXAM: Readonly<Record<string, string>> = {
  "GitHub Foundations": "GH-900",
  "GitHub Actions": "GH-200",
  "GitHub Copilot": "GH-300",
  "GitHub Advanced Security": "GH-500",
  "GitHub Administration": "GH-100",
};

export const CERTIFICATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  ["GH-100", "GH-200", "GH-300", "GH-500", "GH-900"].map((c) => [c, c]),
);

/** The tables, by the sync's export names (compared by the index build). */
export const VOCABULARIES = { PEARSON_STATUS, LEGACY_STATE, DELIVERY, PASS_FAIL, LEGACY_EXAM, CERTIFICATIONS } as const;
