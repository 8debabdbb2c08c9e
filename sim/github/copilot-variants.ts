/**
 * The documented wire variants of the Copilot report files, and which one a day gets.
 *
 * Organization-1-day file shapes (docs/github-simulator.md lists the evidence):
 * - `flat`: one object with the totals at the top level, no `day_totals` (the real 1-day file, go-github#4149/#4177);
 * - `report`: `{report_start_day, report_end_day, day_totals: [{day, …}]}` (the docs' example schema, the 28-day file);
 * - `legacy`: `{day, day_totals: {…}}`: in no public source; served only when a fault plan asks for it.
 * Encodings: `ndjson` (one record per line: the users files) or `json` (one whole, pretty-printed document; a users
 * file is then a JSON array, as in the docs' example schema).
 * By default the shape and encodings are mixed across days, deterministically by day (FNV-1a of the day); a
 * `copilot-shape` fault on `github:copilot-report` forces `shape`, `encoding`, `usersEncoding` and/or `links`.
 */
import type { Fault } from "../faults/plan.ts";
import type { CopilotOrgRecord, CopilotUserRecord } from "../world/types.ts";
import { addDays } from "./route.ts";

export type OrgShape = "flat" | "report" | "legacy";
export type Encoding = "ndjson" | "json";

export interface ReportVariant {
  readonly shape: OrgShape;
  /** encoding of the organization file */
  readonly encoding: Encoding;
  /** encoding of the users files */
  readonly usersEncoding: Encoding;
  /** at least this many users files (one per link) when the day has that many users */
  readonly links: number;
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The default variant of a day: flat or report (1:1), org JSON or NDJSON (1:1), users JSON 1 in 4, 2 links 1 in 3. */
export function defaultVariant(day: string): ReportVariant {
  const h = fnv(day);
  return {
    shape: h % 2 === 0 ? "flat" : "report",
    encoding: (h >>> 1) % 2 === 0 ? "json" : "ndjson",
    usersEncoding: (h >>> 2) % 4 === 0 ? "json" : "ndjson",
    links: (h >>> 4) % 3 === 0 ? 2 : 1,
  };
}

const SHAPES: readonly string[] = ["flat", "report", "legacy"];
const ENCODINGS: readonly string[] = ["ndjson", "json"];

/** The day's variant, with what a `copilot-shape` fault forces. */
export function variantOf(day: string, fault: Fault | undefined): ReportVariant {
  const base = defaultVariant(day);
  if (fault?.kind !== "copilot-shape") return base;
  const pick = <T extends string>(v: unknown, allowed: readonly string[], dflt: T): T =>
    typeof v === "string" && allowed.includes(v) ? (v as T) : dflt;
  return {
    shape: pick(fault.shape, SHAPES, base.shape),
    encoding: pick(fault.encoding, ENCODINGS, base.encoding),
    usersEncoding: pick(fault.usersEncoding, ENCODINGS, base.usersEncoding),
    links: typeof fault.links === "number" && fault.links >= 1 ? Math.floor(fault.links) : base.links,
  };
}

/** A stable numeric-string organization id, as the real files carry `organization_id`. */
export function organizationId(org: string): string {
  return String(10_000_000 + (fnv(org.toLowerCase()) % 89_999_999));
}

/** The organization-1-day file of one day in `shape`, as JSON values (one per NDJSON line). */
export function orgDocument(rec: CopilotOrgRecord, org: string, shape: OrgShape): Record<string, unknown> {
  const id = organizationId(org);
  if (shape === "legacy") return { day: rec.day, organization_login: org, day_totals: { ...rec.day_totals } };
  const flat = { day: rec.day, organization_id: id, enterprise_id: "", ...rec.day_totals };
  if (shape === "flat") return flat;
  return {
    report_start_day: rec.day,
    report_end_day: rec.day,
    organization_id: id,
    enterprise_id: "",
    created_at: `${addDays(rec.day, 1)}T06:00:00Z`,
    day_totals: [flat],
  };
}

/** Serializes values as NDJSON lines or as one pretty-printed document (an array when `asArray`). */
export function encode(values: readonly unknown[], encoding: Encoding, asArray: boolean): string {
  if (encoding === "ndjson") return values.map((v) => `${JSON.stringify(v)}\n`).join("");
  return `${JSON.stringify(asArray ? values : values[0], null, 2)}\n`;
}

/** How many users files a day gets: enough for `usersPerLink`, at least `links`, at most one per user. */
export function userParts(users: readonly CopilotUserRecord[], usersPerLink: number, links: number): number {
  return Math.max(1, Math.min(Math.max(1, users.length), Math.max(Math.ceil(users.length / usersPerLink), links)));
}

/** The users of part `part` of `parts` (contiguous, near-equal chunks). */
export function userChunk<T>(users: readonly T[], part: number, parts: number): T[] {
  const size = Math.ceil(users.length / parts);
  return users.slice(part * size, (part + 1) * size);
}
