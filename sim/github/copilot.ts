/**
 * Copilot usage-metrics REPORT API: `organization-1-day`, `users-1-day` and `organization-28-day/latest` answer
 * signed, expiring download links to NDJSON files served by a second origin (see download.ts).
 * Data windows follow the world's clock: a day's report exists from the next UTC day on ("reports up to
 * yesterday"), never before `copilotFirstDay` (2025-10-10) and at most one year back.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { GitHubUpstream } from "../world/types.ts";
import { error, notFound, type Reply } from "./errors.ts";
import { addDays, type Ctx, isoDay, type Route } from "./route.ts";

export type ReportKind = "organization-1-day" | "users-1-day" | "organization-28-day";

export interface ReportDeps {
  readonly downloadUrl: () => string;
  readonly signingKey: string;
  readonly linkTtlMs: number;
  readonly usersPerLink: number;
}

const DOCS = "https://docs.github.com/rest/copilot/copilot-usage-metrics";

export function sign(key: string, path: string, exp: number): string {
  return createHmac("sha256", key).update(`${path}\n${exp}`).digest("base64url");
}

export function verify(key: string, path: string, exp: number, sig: string): boolean {
  const want = Buffer.from(sign(key, path, exp));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

function links(deps: ReportDeps, ctx: Ctx, org: string, kind: ReportKind, day: string, parts: number): string[] {
  const expired = ctx.fault?.kind === "expired-link";
  const exp = Math.floor((Date.now() + (expired ? -60_000 : deps.linkTtlMs)) / 1000);
  return Array.from({ length: parts }, (_, i) => {
    const path = `/copilot-reports/${encodeURIComponent(org)}/${kind}/${day}/part-${i}.ndjson`;
    return `${deps.downloadUrl()}${path}?exp=${exp}&sig=${sign(deps.signingKey, path, exp)}`;
  });
}

/** Latest day whose report is ready: yesterday in the world's clock. */
function latestDay(now: Date): string {
  return addDays(isoDay(now), -1);
}

/** 422/400 for a bad or out-of-range `day`, undefined when the day is acceptable. */
function checkDay(gh: GitHubUpstream, now: Date, day: string | null): Reply | undefined {
  if (day === null || day === "") return error(422, 'Invalid request.\n\n"day" wasn\'t supplied.', {}, DOCS);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    return error(422, `Invalid request.\n\nInvalid property /day: \`${day}\` is not a valid date.`, {}, DOCS);
  const oldest = addDays(isoDay(now), -365);
  if (day < gh.copilotFirstDay || day < oldest)
    return error(
      400,
      `The requested day ${day} is outside the available range: reports are available from ${[gh.copilotFirstDay, oldest].sort()[1] ?? oldest} and for up to 1 year.`,
      {},
      DOCS,
    );
  return undefined;
}

function orgGuard(ctx: Ctx): Reply | undefined {
  return ctx.params.org?.toLowerCase() === ctx.world.github.org.toLowerCase() ? undefined : notFound();
}

export function reportRoutes(deps: ReportDeps): Route[] {
  const base = "/orgs/{org}/copilot/metrics/reports";
  const oneDay = (kind: "organization-1-day" | "users-1-day"): Route => ({
    method: "GET",
    template: `${base}/${kind}`,
    name: "github:copilot-report",
    resource: "core",
    access: "copilot",
    docs: DOCS,
    handle(ctx) {
      const gh = ctx.world.github;
      const day = ctx.query.get("day");
      const bad = orgGuard(ctx) ?? checkDay(gh, ctx.world.now, day);
      if (bad !== undefined || day === null) return bad ?? notFound();
      if (day > latestDay(ctx.world.now)) return { status: 204 };
      let parts = 1;
      if (kind === "users-1-day") {
        const users = gh.copilotUserRecords(day);
        if (users === undefined) return { status: 204 };
        parts = Math.max(1, Math.ceil(users.length / deps.usersPerLink));
      } else if (gh.copilotOrgRecord(day) === undefined) return { status: 204 };
      return { status: 200, body: { download_links: links(deps, ctx, gh.org, kind, day, parts), report_day: day } };
    },
  });
  const latest: Route = {
    method: "GET",
    template: `${base}/organization-28-day/latest`,
    name: "github:copilot-report",
    resource: "core",
    access: "copilot",
    docs: DOCS,
    handle(ctx) {
      const gh = ctx.world.github;
      const bad = orgGuard(ctx);
      if (bad !== undefined) return bad;
      let end = latestDay(ctx.world.now);
      for (let i = 0; i < 7 && gh.copilotOrgRecord(end) === undefined; i++) end = addDays(end, -1);
      if (gh.copilotOrgRecord(end) === undefined) return notFound();
      const start = addDays(end, -27);
      return {
        status: 200,
        body: {
          download_links: links(deps, ctx, gh.org, "organization-28-day", end, 1),
          report_start_day: start,
          report_end_day: end,
        },
      };
    },
  };
  return [oneDay("organization-1-day"), oneDay("users-1-day"), latest];
}

/** NDJSON lines of one report file; undefined when it does not exist. */
export function reportLines(
  gh: GitHubUpstream,
  kind: ReportKind,
  day: string,
  part: number,
  usersPerLink: number,
): string[] | undefined {
  if (kind === "organization-1-day") {
    const rec = gh.copilotOrgRecord(day);
    return rec === undefined || part !== 0 ? undefined : [JSON.stringify(rec)];
  }
  if (kind === "users-1-day") {
    const users = gh.copilotUserRecords(day);
    if (users === undefined) return undefined;
    const chunk = users.slice(part * usersPerLink, (part + 1) * usersPerLink);
    if (part > 0 && chunk.length === 0) return undefined;
    return chunk.map((u) => JSON.stringify(u));
  }
  if (part !== 0) return undefined;
  const start = addDays(day, -27);
  const days: Record<string, unknown>[] = [];
  for (let d = start; d <= day; d = addDays(d, 1)) {
    const rec = gh.copilotOrgRecord(d);
    if (rec !== undefined) days.push({ day: rec.day, ...rec.day_totals });
  }
  return [
    JSON.stringify({ organization_login: gh.org, report_start_day: start, report_end_day: day, day_totals: days }),
  ];
}
