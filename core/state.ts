/**
 * The committed GitHub sync state under `data/state/` — ONE definition, read and written by the GitHub sync
 * (`actions/sync-github`) and rendered for the goldens by the world (`sim/world`), so a sync starting from the
 * committed data continues exactly where the goldens stand. Deterministic serialization: sorted keys, fixed layout.
 *
 * - `state/activity.json`: round-robin `cursor` (next login to visit when the last run ran out of budget, else null)
 *   and, per tracked login: `newest` (newest counted event id), `etag` (of the first events page; may be null),
 *   `gone` (last visit answered 404), `gone_checked_at` (UTC date of that 404; only while gone — absent in older
 *   files, which means "check now") and `weeks` (ISO week → event type → sorted 12-hex repo hashes) for the weeks
 *   that can still receive events: the week of the newest counted event and later.
 * - `state/skills.json`: ETag of each course's first forks page, and the cache of template confirmations
 *   (`owner/name` → course it was generated from, or "" when it is not a learner repository).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const loginSchema = z
  .object({
    newest: z.string().regex(/^\d+$/).nullable(),
    etag: z.string().nullable(),
    gone: z.boolean(),
    gone_checked_at: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    weeks: z.record(
      z.string().regex(/^\d{4}-W\d{2}$/),
      z.record(z.string(), z.array(z.string().regex(/^[0-9a-f]{12}$/))),
    ),
  })
  .strict();

export const activityStateSchema = z
  .object({ version: z.literal(1), cursor: z.string().nullable(), logins: z.record(z.string(), loginSchema) })
  .strict();

export const skillsStateSchema = z
  .object({
    version: z.literal(1),
    forks_etags: z.record(z.string(), z.string()),
    confirmed: z.record(z.string(), z.string()),
    /** course → the forks page (newest first) where an unfinished listing continues (absent when none is) */
    forks_backfill: z.record(z.string(), z.number().int().positive()).optional(),
  })
  .strict();

export type LoginState = z.infer<typeof loginSchema>;
export type ActivityState = z.infer<typeof activityStateSchema>;
export type SkillsStateFile = z.infer<typeof skillsStateSchema>;

export const ACTIVITY_STATE_PATH = "state/activity.json";
export const SKILLS_STATE_PATH = "state/skills.json";

/** Hash of a repository name as kept in open-week sets. */
export function repoHash(name: string): string {
  return createHash("sha256").update(name.toLowerCase()).digest("hex").slice(0, 12);
}

/** ISO 8601 week of a UTC datetime, e.g. "2026-W48". */
export function isoWeek(iso: string): string {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 604_800_000) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

function readJson(dataDir: string, rel: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dataDir, rel), "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`${join(dataDir, rel)}: ${(err as Error).message}`);
  }
}

export function readActivityState(dataDir: string): ActivityState {
  const json = readJson(dataDir, ACTIVITY_STATE_PATH);
  return json === undefined ? { version: 1, cursor: null, logins: {} } : activityStateSchema.parse(json);
}

export function readSkillsState(dataDir: string): SkillsStateFile {
  const json = readJson(dataDir, SKILLS_STATE_PATH);
  return json === undefined ? { version: 1, forks_etags: {}, confirmed: {} } : skillsStateSchema.parse(json);
}

const sortedEntries = <T>(o: Readonly<Record<string, T>>): [string, T][] =>
  Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function serializeActivityState(s: ActivityState): string {
  const logins: Record<string, LoginState> = {};
  for (const [login, l] of sortedEntries(s.logins)) {
    const weeks: LoginState["weeks"] = {};
    for (const [w, types] of sortedEntries(l.weeks)) {
      weeks[w] = Object.fromEntries(sortedEntries(types).map(([t, h]) => [t, [...new Set(h)].sort()]));
    }
    const checked = l.gone && l.gone_checked_at !== undefined ? { gone_checked_at: l.gone_checked_at } : {};
    logins[login] = { newest: l.newest, etag: l.etag, gone: l.gone, ...checked, weeks };
  }
  return `${JSON.stringify({ version: 1, cursor: s.cursor, logins }, null, 1)}\n`;
}

export function serializeSkillsState(s: SkillsStateFile): string {
  const forks_etags = Object.fromEntries(sortedEntries(s.forks_etags));
  const confirmed = Object.fromEntries(sortedEntries(s.confirmed));
  const backfill = sortedEntries(s.forks_backfill ?? {});
  const forks_backfill = backfill.length > 0 ? { forks_backfill: Object.fromEntries(backfill) } : {};
  return `${JSON.stringify({ version: 1, forks_etags, confirmed, ...forks_backfill }, null, 2)}\n`;
}
