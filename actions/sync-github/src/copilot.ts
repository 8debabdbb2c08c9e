/**
 * Copilot usage-metrics reports → copilot_daily + copilot_languages. For every day after the last complete day in
 * the CSV (first run: back to the API's one-year limit), plus the last 7 complete days (late corrections) and the
 * days still not ready, fetch organization-1-day and users-1-day, download the signed links with plain fetch
 * (no Authorization; NDJSON or whole-document JSON, one or several files) and aggregate. 204 or `download_links: []`
 * = not ready (kept as such, never zero). Days outside what is re-fetched —
 * including history older than the API's window — are kept as they are.
 */
import type { Row } from "#core/format.ts";
import type { RateBudget } from "./budget.ts";
import type { GitHubClient } from "./client.ts";
import { isPrimaryLimit, isSecondaryLimit, statusOf } from "./client.ts";
import { orgDayTotals } from "./copilot-parse.ts";
import { dailyRow, languageRows, notReadyDailyRow, parseUserRecords } from "./copilot-records.ts";

export const FIRST_REPORT_DAY = "2025-10-10";
const DAY_MS = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export interface CopilotPlan {
  readonly days: readonly string[];
  readonly windowStart: string;
  readonly lastDay: string;
}

/** Which days to (re)fetch, given the existing daily rows and "now". */
export function planCopilotDays(existing: readonly Row[], now: Date, refetchComplete = 7): CopilotPlan {
  const today = dayMs(now.toISOString().slice(0, 10));
  const lastDay = isoDay(today - DAY_MS);
  const windowStart = [FIRST_REPORT_DAY, isoDay(today - 365 * DAY_MS)].sort().at(-1) ?? FIRST_REPORT_DAY;
  const complete = existing
    .filter((r) => r.report_status === "complete")
    .map((r) => String(r.day))
    .sort();
  const notReady = existing.filter((r) => r.report_status === "not_ready").map((r) => String(r.day));
  const days = new Set<string>(notReady.filter((d) => d >= windowStart && d <= lastDay));
  const lastComplete = complete.at(-1);
  const from = lastComplete === undefined ? windowStart : isoDay(dayMs(lastComplete) - (refetchComplete - 1) * DAY_MS);
  const first = Math.max(dayMs(from), dayMs(windowStart));
  for (let t = first; t <= dayMs(lastDay); t += DAY_MS) days.add(isoDay(t));
  return { days: [...days].sort(), windowStart, lastDay };
}

export interface CopilotDayResult {
  readonly day: string;
  readonly daily: Row;
  readonly languages: readonly Row[];
}

interface ReportLinks {
  readonly download_links: readonly string[];
}

/** GET a report's links; undefined when not ready: 204, or 200 with `download_links: []`. */
async function reportLinks(
  client: GitHubClient,
  org: string,
  report: string,
  day: string,
): Promise<ReportLinks | undefined> {
  const res = await client.request("GET /orgs/{org}/copilot/metrics/reports/{report}", { org, report, day });
  if (res.status === 204) return undefined;
  const data = res.data as Partial<ReportLinks> | undefined;
  if (!data || !Array.isArray(data.download_links))
    throw new Error(`${report} for ${day}: response has no download_links`);
  if (data.download_links.length === 0) return undefined;
  if (!data.download_links.every((l) => typeof l === "string" && URL.canParse(l)))
    throw new Error(`${report} for ${day}: a download link is not a URL`);
  return { download_links: data.download_links };
}

/**
 * Downloads every link of a report (no Authorization header), one text per link, in link order; an expired link
 * makes the caller re-request once.
 */
async function download(links: ReportLinks, fetchImpl: typeof fetch): Promise<string[] | "expired"> {
  const parts: string[] = [];
  for (const url of links.download_links) {
    const res = await fetchImpl(url);
    if (res.status === 403 || res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      return "expired";
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`download ${new URL(url).pathname}: HTTP ${res.status}`);
    }
    parts.push(await res.text());
  }
  return parts;
}

async function fetchReport(
  client: GitHubClient,
  org: string,
  report: string,
  day: string,
  fetchImpl: typeof fetch,
): Promise<string[] | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const links = await reportLinks(client, org, report, day);
    if (!links) return undefined;
    const files = await download(links, fetchImpl);
    if (files !== "expired") return files;
  }
  throw new Error(`${report} for ${day}: download link expired twice in a row`);
}

/** Fetches one day; a report that is not ready (204 or no links) on either side marks the day not ready. */
export async function fetchCopilotDay(
  client: GitHubClient,
  org: string,
  day: string,
  fetchImpl: typeof fetch = fetch,
): Promise<CopilotDayResult> {
  const orgFiles = await fetchReport(client, org, "organization-1-day", day, fetchImpl);
  const userFiles = orgFiles === undefined ? undefined : await fetchReport(client, org, "users-1-day", day, fetchImpl);
  if (orgFiles === undefined || userFiles === undefined)
    return { day, daily: notReadyDailyRow(org, day), languages: [] };
  const totals = orgDayTotals(orgFiles, day);
  const users = parseUserRecords(userFiles, day).filter((u) => u.day === day);
  return { day, daily: dailyRow(org, day, totals, users), languages: languageRows(org, day, users) };
}

export interface CopilotSyncResult {
  readonly daily: Row[];
  readonly languages: Row[];
  readonly notReadyDays: string[];
  readonly fetched: number;
  /** days planned but not fetched because the budget ran out */
  readonly remaining: number;
}

async function fetchDay(
  opts: { client: GitHubClient; org: string; fetch?: typeof fetch },
  day: string,
): Promise<CopilotDayResult> {
  try {
    return await fetchCopilotDay(opts.client, opts.org, day, opts.fetch);
  } catch (err) {
    if (statusOf(err) === 404) {
      throw new Error(
        `organization ${opts.org} has no Copilot usage-metrics reports (404): check GITHUB_ORG and that the token can view Copilot metrics`,
      );
    }
    throw err;
  }
}

/**
 * Merges re-fetched days into the existing rows. A day keeps its old rows when it could not be fetched, and a
 * complete day is never downgraded to not ready.
 */
export async function syncCopilot(opts: {
  client: GitHubClient;
  org: string;
  now: Date;
  existingDaily: readonly Row[];
  existingLanguages: readonly Row[];
  budget: RateBudget;
  fetch?: typeof fetch;
  /** days fetched at once (default 6) */
  concurrency?: number;
}): Promise<CopilotSyncResult> {
  const plan = planCopilotDays(opts.existingDaily, opts.now);
  const daily = new Map(opts.existingDaily.map((r) => [String(r.day), r]));
  const langs = new Map<string, Row[]>();
  for (const r of opts.existingLanguages) langs.set(String(r.day), [...(langs.get(String(r.day)) ?? []), r]);
  let fetched = 0;
  const concurrency = opts.concurrency ?? 6;
  for (let i = 0; i < plan.days.length; i += concurrency) {
    if (opts.budget.exhausted()) break;
    const batch = plan.days.slice(i, i + concurrency);
    const settled = await Promise.allSettled(batch.map((day) => fetchDay(opts, day)));
    let limited = false;
    for (const s of settled) {
      if (s.status === "rejected") {
        // A rate limit still in force after the client's back-off (primary: reset beyond the run's budget; secondary:
        // retries spent) ends the run as partial, resumable next run; anything else fails it.
        if (isPrimaryLimit(s.reason) || isSecondaryLimit(s.reason)) {
          limited = true;
          break;
        }
        throw s.reason;
      }
      fetched++;
      const result = s.value;
      const day = result.day;
      if (result.daily.report_status === "not_ready" && daily.get(day)?.report_status === "complete") continue;
      daily.set(day, result.daily);
      langs.set(day, [...result.languages]);
    }
    if (limited) break;
  }
  const dailyRows = [...daily.values()];
  return {
    daily: dailyRows,
    languages: [...langs.values()].flat(),
    notReadyDays: dailyRows
      .filter((r) => r.report_status === "not_ready")
      .map((r) => String(r.day))
      .sort(),
    fetched,
    remaining: plan.days.length - fetched,
  };
}
