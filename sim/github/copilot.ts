/**
 * Copilot usage-metrics REPORT API: `organization-1-day`, `users-1-day` and `organization-28-day/latest` answer
 * signed, expiring download links to report files served by a second origin (see download.ts), in the documented
 * shapes and encodings mixed across days (copilot-variants.ts); a `copilot-shape` fault forces one, an
 * `empty-links` fault answers `download_links: []`.
 * Data windows follow the world's clock: a day's report exists from the next UTC day on ("reports up to
 * yesterday"), never before `copilotFirstDay` (2025-10-10) and at most one year back.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { GitHubUpstream } from "../world/types.ts";
import {
  type Encoding,
  encode,
  type OrgShape,
  organizationId,
  orgDocument,
  userChunk,
  userParts,
  variantOf,
} from "./copilot-variants.ts";
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

/** A file of a report as the link names it: the variant travels in the (signed) path. */
export interface FileRef {
  readonly kind: ReportKind;
  readonly day: string;
  /** `flat` | `report` | `legacy` for organization files, `users` for users files */
  readonly shape: string;
  readonly encoding: Encoding;
  readonly part: number;
  readonly parts: number;
}

export function filePath(org: string, f: FileRef): string {
  const ext = f.encoding === "json" ? "json" : "ndjson";
  return `/copilot-reports/${encodeURIComponent(org)}/${f.kind}/${f.day}/${f.shape}/part-${f.part}-of-${f.parts}.${ext}`;
}

function links(deps: ReportDeps, ctx: Ctx, org: string, files: readonly FileRef[]): string[] {
  const expired = ctx.fault?.kind === "expired-link";
  const exp = Math.floor((Date.now() + (expired ? -60_000 : deps.linkTtlMs)) / 1000);
  return files.map((f) => {
    const path = filePath(org, f);
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
      const v = variantOf(day, ctx.fault);
      let files: FileRef[];
      if (kind === "users-1-day") {
        const users = gh.copilotUserRecords(day);
        if (users === undefined) return { status: 204 };
        const parts = userParts(users, deps.usersPerLink, v.links);
        files = Array.from({ length: parts }, (_, part) => ({
          kind,
          day,
          shape: "users",
          encoding: v.usersEncoding,
          part,
          parts,
        }));
      } else if (gh.copilotOrgRecord(day) === undefined) return { status: 204 };
      else files = [{ kind, day, shape: v.shape, encoding: v.encoding, part: 0, parts: 1 }];
      // `empty-links`: a 200 whose download_links is empty (the report exists but has no file yet)
      const download_links = ctx.fault?.kind === "empty-links" ? [] : links(deps, ctx, gh.org, files);
      return { status: 200, body: { download_links, report_day: day } };
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
          download_links: links(deps, ctx, gh.org, [
            { kind: "organization-28-day", day: end, shape: "report", encoding: "ndjson", part: 0, parts: 1 },
          ]),
          report_start_day: start,
          report_end_day: end,
        },
      };
    },
  };
  return [oneDay("organization-1-day"), oneDay("users-1-day"), latest];
}

/** The text of one report file; undefined when it does not exist. */
export function reportFile(gh: GitHubUpstream, f: FileRef): string | undefined {
  if (f.part < 0 || f.part >= f.parts) return undefined;
  if (f.kind === "organization-1-day") {
    const rec = gh.copilotOrgRecord(f.day);
    if (rec === undefined || f.parts !== 1 || !isOrgShape(f.shape)) return undefined;
    return encode([orgDocument(rec, gh.org, f.shape)], f.encoding, false);
  }
  if (f.kind === "users-1-day") {
    const users = gh.copilotUserRecords(f.day);
    if (users === undefined || f.shape !== "users") return undefined;
    return encode(userChunk(users, f.part, f.parts), f.encoding, true);
  }
  if (f.parts !== 1) return undefined;
  const start = addDays(f.day, -27);
  const days: Record<string, unknown>[] = [];
  for (let d = start; d <= f.day; d = addDays(d, 1)) {
    const rec = gh.copilotOrgRecord(d);
    if (rec !== undefined) days.push({ day: rec.day, organization_id: organizationId(gh.org), ...rec.day_totals });
  }
  const doc = {
    report_start_day: start,
    report_end_day: f.day,
    organization_id: organizationId(gh.org),
    day_totals: days,
  };
  return encode([doc], f.encoding, false);
}

const isOrgShape = (s: string): s is OrgShape => s === "flat" || s === "report" || s === "legacy";
