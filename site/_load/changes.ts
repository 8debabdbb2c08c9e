/**
 * What changed in each sync, derived at build time from the git history of the data directory's
 * `sync_status.json` (every data PR that lands commits it): for each commit that changed it and changed at least one
 * dataset's content (`sha256`), the datasets that changed, their row-count changes and the headline KPIs' changes
 * (`aggregated/kpis.json` at that commit against its parent). The same history gives byte-identical output; a build
 * without the history (SITE_DATA_URL, a data dir outside git, a shallow clone) says so instead of guessing.
 *
 * Privacy: the page publishes differences between consecutive published snapshots. A difference of 1–4 in a count
 * of people or rows (which are people × something) would single out a handful of people, so such a difference is
 * shown as "fewer than 5" without its value, and no earlier absolute value is published (the current ones are on the
 * Data page and the overview already). Rates and averages are shown only when both snapshots publish them.
 */
import { execFileSync } from "node:child_process";
import { isAbsolute, join, relative } from "node:path";

export interface DatasetChange {
  readonly dataset: string;
  /** rows after − rows before; null when the difference is 1–4 (shown as "fewer than 5") or unknown */
  readonly rowsDelta: number | null;
  readonly small: boolean;
  readonly added: boolean;
}

export interface KpiChange {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly delta: number | null;
  readonly small: boolean;
}

export interface ChangeEntry {
  readonly commit: string;
  /** committer date, UTC, whole seconds */
  readonly date: string;
  readonly subject: string;
  readonly pr: number | null;
  readonly datasets: readonly DatasetChange[];
  readonly kpis: readonly KpiChange[];
}

export interface ChangeLog {
  /** null when the build has no git history of the data directory (the page says why) */
  readonly entries: readonly ChangeEntry[] | null;
  readonly note: string;
  /** https://github.com/<owner>/<repo> when known (GITHUB_SERVER_URL + GITHUB_REPOSITORY), for PR links */
  readonly repoUrl: string | null;
}

/** Most recent syncs listed (the page and the feed). */
export const MAX_ENTRIES = 50;

type StatusJson = { datasets?: Record<string, { sha256?: string | null; rows?: number | null }> };
type KpisJson = {
  period?: { current?: string };
  kpis?: { id: string; label: string; unit: string; current: { value: number | null; suppressed: boolean } }[];
};

function git(cwd: string, args: readonly string[]): string | null {
  try {
    return execFileSync("git", ["-C", cwd, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return null;
  }
}

function json<T>(cwd: string, rev: string, path: string): T | null {
  const text = git(cwd, ["show", `${rev}:${path}`]);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

const SMALL = (d: number) => Math.abs(d) >= 1 && Math.abs(d) <= 4;
const COUNT_UNITS = new Set(["people", "exams", "enrollments"]);

function kpiChanges(before: KpisJson | null, after: KpisJson | null): KpiChange[] {
  if (!before || !after || before.period?.current !== after.period?.current) return [];
  const out: KpiChange[] = [];
  for (const k of after.kpis ?? []) {
    const b = before.kpis?.find((x) => x.id === k.id);
    const a = k.current;
    if (!b || a.value === null || b.current.value === null || a.suppressed || b.current.suppressed) continue;
    const d = Math.round((a.value - b.current.value) * 1e4) / 1e4;
    if (d === 0) continue;
    const small = COUNT_UNITS.has(k.unit) && SMALL(d);
    out.push({ id: k.id, label: k.label, unit: k.unit, delta: small ? null : d, small });
  }
  return out;
}

function datasetChanges(before: StatusJson | null, after: StatusJson): DatasetChange[] {
  const out: DatasetChange[] = [];
  for (const [name, a] of Object.entries(after.datasets ?? {}).sort(([x], [y]) => x.localeCompare(y))) {
    const b = before?.datasets?.[name];
    if (b && (b.sha256 ?? null) === (a.sha256 ?? null)) continue;
    if (!a.sha256) continue;
    const d = b?.rows != null && a.rows != null ? a.rows - b.rows : null;
    const small = d !== null && SMALL(d);
    out.push({ dataset: name, rowsDelta: small ? null : d, small, added: b === undefined });
  }
  return out;
}

export function repoUrl(env: NodeJS.ProcessEnv): string | null {
  const server = env.GITHUB_SERVER_URL?.trim() || "https://github.com";
  const repo = env.GITHUB_REPOSITORY?.trim();
  return repo && /^[\w.-]+\/[\w.-]+$/.test(repo) ? `${server.replace(/\/+$/, "")}/${repo}` : null;
}

/** The change log of `dataDir` from its git history (see the module comment). */
export function changeLog(dataDir: string | null, env: NodeJS.ProcessEnv = process.env): ChangeLog {
  const url = repoUrl(env);
  const none = (note: string): ChangeLog => ({ entries: null, note, repoUrl: url });
  if (dataDir === null) return none("This build read its data from a URL, so it has no history of the syncs.");
  const top = git(dataDir, ["rev-parse", "--show-toplevel"])?.trim();
  if (!top) return none("This build's data directory is not in a git repository, so it has no history of the syncs.");
  const rel = relative(top, isAbsolute(dataDir) ? dataDir : join(process.cwd(), dataDir)).replaceAll("\\", "/");
  const statusPath = rel === "" ? "sync_status.json" : `${rel}/sync_status.json`;
  const kpisPath = rel === "" ? "aggregated/kpis.json" : `${rel}/aggregated/kpis.json`;
  const log = git(top, ["log", "--format=%H%x09%ct%x09%s", "-n", String(MAX_ENTRIES * 2), "HEAD", "--", statusPath]);
  if (log === null) return none("The git history of the data could not be read in this build.");
  const entries: ChangeEntry[] = [];
  for (const line of log.split("\n").filter((l) => l !== "")) {
    const [commit = "", ts = "0", ...rest] = line.split("\t");
    const subject = rest.join("\t");
    const after = json<StatusJson>(top, commit, statusPath);
    if (!after) continue;
    const datasets = datasetChanges(json<StatusJson>(top, `${commit}^`, statusPath), after);
    if (datasets.length === 0) continue;
    const pr = /\(#(\d+)\)\s*$/.exec(subject)?.[1] ?? /^Merge pull request #(\d+)/.exec(subject)?.[1];
    entries.push({
      commit,
      date: `${new Date(Number(ts) * 1000).toISOString().slice(0, 19)}Z`,
      subject,
      pr: pr === undefined ? null : Number(pr),
      datasets,
      kpis: kpiChanges(json<KpisJson>(top, `${commit}^`, kpisPath), json<KpisJson>(top, commit, kpisPath)),
    });
    if (entries.length >= MAX_ENTRIES) break;
  }
  const shallow = git(top, ["rev-parse", "--is-shallow-repository"])?.trim() === "true";
  return {
    entries,
    note: shallow
      ? "This build ran on a shallow clone: only the syncs in its history are listed (the deploy workflow should check out with fetch-depth: 0)."
      : "Derived from the git history of data/sync_status.json at build time.",
    repoUrl: url,
  };
}
