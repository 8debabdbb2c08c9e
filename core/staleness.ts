/**
 * The one staleness rule, free of Node APIs so the Cloudflare Worker can bundle it too. `status.ts` and `schema.ts`
 * re-export these names; import them from there in Node code.
 *
 * Two inputs: the committed `sync_status.json` (changes only with data: a run that confirms unchanged data does not
 * move `last_success_at`) and the optional run record `sync-run.json` of the latest sync (git-ignored; an artifact in
 * Actions, published by the site beside the status). "Fresh" means *checked* recently: a dataset the run checked and
 * found unchanged (`ok`/`unchanged` with a `checked_at`) is as fresh as one it changed.
 */
export const CADENCES = { nightly: 24, weekly: 168 } as const;
export type Cadence = keyof typeof CADENCES;

export type Freshness = "fresh" | "stale" | "never";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const NAME = /^[a-z][a-z0-9_]*$/;
const SHA = /^[0-9a-f]{64}$/;
const CHECKED_STATUSES: ReadonlySet<string> = new Set(["ok", "unchanged"]);
const RUN_STATUSES: ReadonlySet<string> = new Set(["ok", "unchanged", "refused", "failed", "skipped", "partial"]);

/**
 * A dataset is stale when it was last checked (successfully synced, changed or not) more than twice its cadence
 * ago. `lastCheckedAt` (from a run record) counts as a success too.
 */
export function freshness(
  entry: { readonly last_success_at: string | null } | undefined,
  cadence: Cadence,
  now: Date,
  lastCheckedAt?: string | null,
): { state: Freshness; ageHours: number | null } {
  const times = [entry?.last_success_at, lastCheckedAt].filter((t): t is string => typeof t === "string");
  if (times.length === 0) return { state: "never", ageHours: null };
  const last = Math.max(...times.map((t) => Date.parse(t)));
  const ageHours = Math.max(0, (now.getTime() - last) / 3_600_000);
  return { state: ageHours > 2 * CADENCES[cadence] ? "stale" : "fresh", ageHours };
}

/** The part of a run record that freshness reads (and the site publishes: nothing else, so no message leaks). */
export interface RunRecord {
  readonly version: 1;
  /** the run's "now" (ACE_NOW or the clock), UTC whole seconds */
  readonly clock: string;
  readonly datasets: Readonly<Record<string, RunEntry>>;
}

/** One dataset of a run record: its outcome, when it was checked, and the content it saw (when recorded). */
export interface RunEntry {
  readonly status: string;
  readonly checked_at: string | null;
  readonly sha256?: string | null;
}

export type RunRecordInput =
  | { readonly kind: "absent" }
  | { readonly kind: "invalid"; readonly reason: string }
  | { readonly kind: "record"; readonly record: RunRecord };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates a parsed run record (extra fields, e.g. the sync's durations and messages, are dropped). */
export function parseRunRecord(json: unknown): RunRecordInput {
  if (!isObject(json)) return { kind: "invalid", reason: "not a JSON object" };
  if (json.version !== 1) return { kind: "invalid", reason: "version is not 1" };
  if (typeof json.clock !== "string" || !ISO.test(json.clock)) {
    return { kind: "invalid", reason: "clock is not a UTC datetime YYYY-MM-DDTHH:MM:SSZ" };
  }
  if (!isObject(json.datasets)) return { kind: "invalid", reason: "datasets is not an object" };
  const datasets: Record<string, RunEntry> = {};
  for (const name of Object.keys(json.datasets).sort()) {
    const e = json.datasets[name];
    if (!NAME.test(name)) return { kind: "invalid", reason: "a dataset name is not lower_snake_case" };
    if (!isObject(e) || typeof e.status !== "string" || !RUN_STATUSES.has(e.status)) {
      return { kind: "invalid", reason: `datasets.${name}.status is not a sync status` };
    }
    const checked = e.checked_at;
    if (checked !== null && (typeof checked !== "string" || !ISO.test(checked) || checked > json.clock)) {
      return { kind: "invalid", reason: `datasets.${name}.checked_at is not null or a UTC datetime up to clock` };
    }
    const sha = e.sha256;
    if (sha !== undefined && sha !== null && (typeof sha !== "string" || !SHA.test(sha))) {
      return { kind: "invalid", reason: `datasets.${name}.sha256 is not null or a sha256` };
    }
    datasets[name] =
      sha === undefined
        ? { status: e.status, checked_at: checked }
        : { status: e.status, checked_at: checked, sha256: sha };
  }
  return { kind: "record", record: { version: 1, clock: json.clock, datasets } };
}

/** Parses the text of `sync-run.json` (undefined = no file). Never throws: bad input is `invalid` with a reason. */
export function loadRunRecord(text: string | undefined): RunRecordInput {
  if (text === undefined) return { kind: "absent" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "invalid", reason: "not valid JSON" };
  }
  return parseRunRecord(json);
}

/** Canonical public JSON of a run record: only version, clock and per dataset status, checked_at and sha256. */
export function serializeRunRecord(record: RunRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/**
 * One run record from the latest run's and the previously published one, so datasets the latest run did not select
 * (the weekly ones after a nightly run, or every dataset on a deploy without a run artifact) keep their last check.
 * Per dataset the entry of the newer record wins; the clock is the newer clock. An invalid side is dropped with a
 * warning.
 */
export function mergeRunRecords(
  current: RunRecordInput,
  previous: RunRecordInput,
): { run: RunRecordInput; warnings: string[] } {
  const warnings: string[] = [];
  if (previous.kind === "invalid") warnings.push(`previously published sync-run.json ignored: ${previous.reason}`);
  if (previous.kind !== "record") return { run: current, warnings };
  if (current.kind === "invalid") warnings.push(`sync-run.json ignored: ${current.reason}`);
  if (current.kind !== "record") return { run: previous, warnings };
  const [older, newer] =
    previous.record.clock > current.record.clock
      ? [current.record, previous.record]
      : [previous.record, current.record];
  const merged = { ...older.datasets, ...newer.datasets };
  const datasets = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((k) => [k, merged[k] ?? { status: "skipped", checked_at: null }]),
  );
  return { run: { kind: "record", record: { version: 1, clock: newer.clock, datasets } }, warnings };
}

/** The fields of one dataset's entry in data/sync_status.json that freshness reads. */
export interface StatusDatasetLike {
  readonly status: string;
  readonly last_success_at: string | null;
  readonly last_changed_at: string | null;
  readonly sha256?: string | null;
}

export interface StatusLike {
  readonly datasets: Readonly<Record<string, StatusDatasetLike>>;
}

export interface DatasetFreshness {
  readonly cadence: Cadence;
  readonly state: Freshness;
  /** hours since the last check, null when never checked */
  readonly ageHours: number | null;
  /** the last successful check: the newer of the committed last_success_at and the run record's checked_at */
  readonly lastCheckedAt: string | null;
  readonly lastChangedAt: string | null;
  readonly lastSuccessAt: string | null;
  /** where lastCheckedAt came from */
  readonly checkedBy: "status" | "run" | null;
}

export interface FreshnessReport {
  /** how the run record was used: "used", "absent", or "ignored: <why>" */
  readonly runRecord: string;
  /** one line per problem with the run record (an invalid record is ignored with a warning) */
  readonly warnings: readonly string[];
  readonly datasets: Readonly<Record<string, DatasetFreshness>>;
}

function newestSuccess(status: StatusLike): string | undefined {
  let newest: string | undefined;
  for (const e of Object.values(status.datasets)) {
    const t = e.last_success_at;
    if (t !== null && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}

/**
 * Freshness of every dataset in `cadences` from the committed status and the optional run record, at `now`. The
 * run record counts only when valid and not older than the committed status (its clock is not before the newest
 * `last_success_at`), and only for datasets it checked successfully (`ok`/`unchanged` with a `checked_at`) whose
 * content it saw is the committed one (same sha256, when both are known): a failed, refused, partial or skipped
 * dataset is not made fresh by it, nor is committed data older than what the run found.
 */
export function datasetFreshness(
  status: StatusLike,
  run: RunRecordInput,
  cadences: Readonly<Record<string, Cadence>>,
  now: Date,
): FreshnessReport {
  const warnings: string[] = [];
  let record: RunRecord | undefined;
  let note = "absent";
  if (run.kind === "invalid") {
    note = `ignored: invalid (${run.reason})`;
    warnings.push(`sync-run.json ignored: ${run.reason}`);
  } else if (run.kind === "record") {
    const newest = newestSuccess(status);
    if (newest !== undefined && run.record.clock < newest) note = "ignored: older than sync_status.json";
    else {
      record = run.record;
      note = "used";
    }
  }
  const datasets: Record<string, DatasetFreshness> = {};
  for (const name of Object.keys(cadences).sort()) {
    const cadence = cadences[name] ?? "nightly";
    const entry = status.datasets[name];
    const r = record?.datasets[name];
    // a check counts for the content it saw: not when the committed data is another version (e.g. the run's new
    // data still waits in the data PR while the site is built from main)
    const sameContent = !(
      typeof r?.sha256 === "string" &&
      typeof entry?.sha256 === "string" &&
      r.sha256 !== entry.sha256
    );
    const checked = r !== undefined && CHECKED_STATUSES.has(r.status) && sameContent ? r.checked_at : null;
    const success = entry?.last_success_at ?? null;
    const f = freshness(entry, cadence, now, checked);
    const byRun = checked !== null && (success === null || checked > success);
    datasets[name] = {
      cadence,
      state: f.state,
      ageHours: f.ageHours,
      lastCheckedAt: byRun ? checked : success,
      lastChangedAt: entry?.last_changed_at ?? null,
      lastSuccessAt: success,
      checkedBy: byRun ? "run" : success === null ? null : "status",
    };
  }
  return { runRecord: note, warnings, datasets };
}
