/**
 * The Changes page (site/_pages/changes.ts, site/_load/changes.ts) as an outsider reads it: for each listed sync, the
 * difference of each headline KPI and each dataset's row count against the sync before. The page hides a difference
 * of 1–4 ("fewer than 5"), but the site published the absolute figures at both syncs (the overview's KPI cards from
 * that sync's aggregated/kpis.json, the Data page's row counts from its sync_status.json), so the audit models each
 * listed difference as a `difference` cell d with before + d = after: visible when the page shows it, an unknown in
 * −4 … 4 when it says "fewer than 5", and exposed when the two snapshots pin it to 1–4 people.
 */
import { execFileSync } from "node:child_process";
import { isAbsolute, join, relative } from "node:path";
import { type AuditSystem, addCell, sumRelation } from "../../actions/aggregate/src/audit/solve.ts";
import { changeLog } from "../../site/_load/changes.ts";

/** One published difference between two syncs, with the absolute figures the site showed at both. */
export interface SyncDifference {
  /** e.g. "kpi[certified_people]" or "rows[individual_exams]" */
  readonly figure: string;
  /** null when the figure was suppressed or unknown at that sync */
  readonly before: number | null;
  readonly after: number | null;
  /** the difference as the page shows it; null when shown as "fewer than 5" */
  readonly shown: number | null;
}

export interface SyncChange {
  readonly commit: string;
  readonly differences: readonly SyncDifference[];
}

/** KPI units that count people or their records (rates and averages are not counts of people). */
const COUNT_UNITS = new Set(["people", "exams", "enrollments"]);

type Kpis = { kpis?: { id: string; current: { value: number | null; suppressed: boolean } }[] };
type Status = { datasets?: Record<string, { rows?: number | null }> };

function gitJson<T>(top: string, rev: string, path: string): T | null {
  try {
    const text = execFileSync("git", ["-C", top, "show", `${rev}:${path}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** The Changes page's differences of `dataDir` (from its git history, as the site build reads it). */
export function syncChanges(dataDir: string): SyncChange[] {
  const log = changeLog(dataDir, {});
  if (log.entries === null) return [];
  let top: string;
  try {
    top = execFileSync("git", ["-C", dataDir, "rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
  } catch {
    return [];
  }
  const rel = relative(top, isAbsolute(dataDir) ? dataDir : join(process.cwd(), dataDir)).replaceAll("\\", "/");
  const path = (p: string) => (rel === "" ? p : `${rel}/${p}`);
  return log.entries.map((e) => {
    const kpi = (rev: string, id: string) => {
      const c = gitJson<Kpis>(top, rev, path("aggregated/kpis.json"))?.kpis?.find((k) => k.id === id)?.current;
      return c === undefined || c.suppressed ? null : c.value;
    };
    const rows = (rev: string, ds: string) =>
      gitJson<Status>(top, rev, path("sync_status.json"))?.datasets?.[ds]?.rows ?? null;
    const differences: SyncDifference[] = [
      ...e.kpis
        .filter((k) => COUNT_UNITS.has(k.unit))
        .map((k) => ({
          figure: `kpi[${k.id}]`,
          before: kpi(`${e.commit}^`, k.id),
          after: kpi(e.commit, k.id),
          shown: k.small ? null : k.delta,
        })),
      ...e.datasets
        .filter((d) => !d.added)
        .map((d) => ({
          figure: `rows[${d.dataset}]`,
          before: rows(`${e.commit}^`, d.dataset),
          after: rows(e.commit, d.dataset),
          shown: d.small ? null : d.rowsDelta,
        })),
    ];
    return { commit: e.commit, differences };
  });
}

/** Adds the Changes page's differences to the system; returns how many it added (and how many were hidden). */
export function addChanges(sys: AuditSystem, changes: readonly SyncChange[]): { cells: number; hidden: number } {
  let cells = 0;
  let hidden = 0;
  for (const c of changes) {
    const at = (f: string, k: string) => `changes:${c.commit.slice(0, 12)}:${f}.${k}`;
    for (const d of c.differences) {
      const before = addCell(sys, at(d.figure, "before"), d.before);
      const after = addCell(sys, at(d.figure, "after"), d.after);
      const delta = addCell(sys, at(d.figure, "delta"), d.shown, Number.NEGATIVE_INFINITY, "difference");
      sumRelation(sys, after, [before, delta]);
      // "fewer than 5": the page says the difference lies in −4 … 4
      if (d.shown === null) sys.relations.push({ terms: [[delta, 1]], lo: -4, hi: 4 });
      cells++;
      if (d.shown === null) hidden++;
    }
  }
  return { cells, hidden };
}
