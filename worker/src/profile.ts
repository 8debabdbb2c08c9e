/**
 * One person's exam history for the profile routes (`/me`, `/api/me/exams`, the staff route): live Kusto first under
 * the request's deadline, cached 5 minutes under a key made of that person's login only (so one person's answer is
 * never served for another), falling back to the per-person index of the committed data. Also: whether a GitHub
 * login is a person at all (the sync's mapping: the index built from `unified_users`, or live rows for the login), and
 * the date of the nightly data the fallback comes from.
 */
import { assetJson, indexedExams } from "./assets.ts";
import type { IdentityConfig } from "./auth/config.ts";
import { type CacheDeps, cached, type Outcome } from "./cache.ts";
import type { WorkerConfig } from "./config.ts";
import { type PublicExam, publicExams } from "./exams.ts";
import type { Fetch } from "./kusto/token.ts";
import { type LiveDeps, liveExams } from "./live.ts";

/** What every route handler gets. */
export interface Ctx {
  readonly req: Request;
  readonly env: Env;
  readonly config: WorkerConfig;
  readonly identity: IdentityConfig;
  readonly live: LiveDeps;
  readonly cacheDeps: CacheDeps;
  readonly now: () => number;
  readonly fetch: Fetch;
  readonly log: (line: string) => void;
}

export interface ExamsBody {
  readonly login: string;
  readonly exams: PublicExam[];
}

/**
 * The person's exams as an Outcome (body: ExamsBody JSON). `login` is validated; it is lower-cased here. `reader`
 * names who asks (`self`, `staff`, a token tag): entries are per person and per kind of reader.
 */
export function personExams(ctx: Ctx, login: string, reader = "self"): Promise<Outcome> {
  const key = login.toLowerCase();
  return cached(
    `people/${key}/exams/${reader}`,
    ctx.cacheDeps,
    async () => JSON.stringify({ login: key, exams: publicExams(await liveExams(key, ctx.live)) }),
    async () => JSON.stringify({ login: key, exams: (await indexedExams(ctx.env.ASSETS, key)) ?? [] }),
    (e: unknown) => ctx.log(`live exams lookup failed, falling back: ${e instanceof Error ? e.message : "error"}`),
  );
}

export function examsOf(outcome: Outcome): ExamsBody {
  return JSON.parse(outcome.body) as ExamsBody;
}

/** Whether `login` is a person of the program: in the committed per-person index, or with live exam rows. */
export async function isPerson(ctx: Ctx, login: string): Promise<boolean> {
  if ((await indexedExams(ctx.env.ASSETS, login)) !== undefined) return true;
  const outcome = await personExams(ctx, login);
  return outcome.source === "kusto" && examsOf(outcome).exams.length > 0;
}

/** When the committed exam data was last synced (sync_status.json of the deployed assets), if known. */
export async function nightlyDate(env: Env): Promise<string | undefined> {
  const status = await assetJson(env.ASSETS, "/sync_status.json").catch(() => undefined);
  if (typeof status !== "object" || status === null) return undefined;
  const datasets = (status as { datasets?: Record<string, { last_success_at?: unknown }> }).datasets;
  const at = datasets?.individual_exams?.last_success_at;
  return typeof at === "string" ? at : undefined;
}
