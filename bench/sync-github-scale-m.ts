/**
 * Scale-M simulation of the nightly GitHub sync (outside `npm test`): ~10,000 tracked logins, a 1,000/h
 * GITHUB_TOKEN budget, one run per simulated night with ACE_NOW advancing one day. Each night gets a fresh
 * simulator (a fresh hourly window, as a nightly run 24 h later would); the real-time per-minute secondary limit is
 * lifted because the nights run back to back here (in production plugin-throttling and the time budget handle it).
 * Only github_activity runs: Skills at scale M is dominated by repository search's real-time 30/minute limit, and
 * its nightly GITHUB_TOKEN cost once confirmations are cached is ~16 fork pages (mostly 304) plus ~16 searches.
 *
 *   npx node bench/sync-github-scale-m.ts [--nights 30] [--minutes 5] [--runs-per-day 1] [--max-visits N]
 *                                           [--data-dir DIR]
 *
 * Prints one line per night (status, progress, requests 200/304, charged vs budget, logins visited, worst gap) and
 * a JSON summary; `runScaleM()` returns the same figures for scripts/test-scale.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAll, writeDataset } from "#core/csv.ts";
import type { Row } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";
import { isoWeek } from "#core/state.ts";
import { readSyncStatus } from "#core/status.ts";
import { runSync, silentReporter } from "../actions/sync-core/src/index.ts";
import { githubSource } from "../actions/sync-github/src/source.ts";
import { start as startGitHub } from "../sim/github/server.ts";
import { defaultToken } from "../sim/github/types.ts";
import { createWorld, DEMO } from "../sim/world/index.ts";

const DAY_MS = 86_400_000;

export interface ScaleMOptions {
  readonly nights?: number;
  /** sync runs per simulated day (default 1: the nightly run), evenly spaced, each with a fresh hourly window */
  readonly runsPerDay?: number;
  /** stop starting nights after this many real minutes */
  readonly minutes?: number;
  readonly budget?: number;
  readonly reserve?: number;
  /** GITHUB_ACTIVITY_MAX_VISITS per night (default: tracked logins / 6, so a full rotation takes 6 nights) */
  readonly maxVisits?: number;
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
}

export interface NightFigures {
  readonly night: number;
  /** run of that night (0 … runsPerDay − 1) */
  readonly run: number;
  readonly now: string;
  readonly status: string;
  readonly progress: string;
  /** GITHUB_TOKEN requests that counted against the hourly budget (all but 304) */
  readonly charged: number;
  readonly ok200: number;
  readonly notModified304: number;
  readonly otherStatus: number;
  readonly loginsVisited: number;
  /** tracked logins visited at least once so far */
  readonly everVisited: number;
  /** largest number of days since a login's last visit (visited logins; after convergence, since convergence) */
  readonly worstGapDays: number;
  readonly activityRows: number;
  readonly seconds: number;
}

export interface ScaleMResult {
  readonly tracked: number;
  readonly budget: number;
  readonly reserve: number;
  readonly maxVisits: number;
  readonly nights: readonly NightFigures[];
  readonly runsPerDay: number;
  /** first night after which every tracked login had been visited, or null */
  readonly convergedAtNight: number | null;
  /** worst gap (days since the last visit or the convergence) on any run after convergence, or null */
  readonly worstGapAfterConvergence: number | null;
  readonly budgetNeverExceeded: boolean;
  /** rows of github_activity in weeks the sync could fully see, equal to the world's golden at the last night */
  readonly finalMatch: { readonly matching: number; readonly golden: number } | null;
}

const loginOf = (path: string): string | undefined => /^\/users\/([^/?]+)\/events\/public/.exec(path)?.[1];

export async function runScaleM(opts: ScaleMOptions = {}): Promise<ScaleMResult> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const budget = opts.budget ?? 1000;
  const reserve = opts.reserve ?? 100;
  const nights = opts.nights ?? 30;
  const perDay = opts.runsPerDay ?? 1;
  const deadline = Date.now() + (opts.minutes ?? 5) * 60_000;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "ace-gh-scale-m-"));
  const start = Date.parse(DEMO.now);
  const first = createWorld({ scale: "M", now: new Date(start) });
  const users = [...first.goldens.rows("unified_users")];
  await writeDataset(dataDir, getSchema("unified_users"), users);
  const tracked = new Set(
    users.map((u) => u.github_login).filter((l): l is string => typeof l === "string" && l !== ""),
  );
  const maxVisits = opts.maxVisits ?? Math.ceil(tracked.size / 6);
  log(`scale M: ${tracked.size} tracked logins, budget ${budget}/h, reserve ${reserve}, ≤ ${maxVisits} visits/night`);
  const lastVisit = new Map<string, number>();
  const out: NightFigures[] = [];
  let convergedAt: number | null = null;
  let worstAfter: number | null = null;
  let lastWorld = first;
  for (let step = 0; step < nights * perDay && Date.now() < deadline; step++) {
    const t0 = Date.now();
    const night = Math.floor(step / perDay);
    const world = step === 0 ? first : createWorld({ scale: "M", now: new Date(start + (step * DAY_MS) / perDay) });
    lastWorld = world;
    const sim = await startGitHub({ world, budgets: { github: budget, secondaryPerMinute: 1_000_000 } });
    try {
      await runSync({
        dataDir,
        sources: [githubSource({ timing: "fast" })],
        datasets: ["github_activity"],
        now: world.now,
        env: {
          GITHUB_API_URL: sim.url,
          GITHUB_TOKEN: defaultToken("github"),
          GITHUB_RATE_RESERVE: String(reserve),
          GITHUB_ACTIVITY_MAX_VISITS: String(maxVisits),
        },
        reporter: silentReporter(),
      });
    } finally {
      await sim.close();
    }
    const api = sim.requests.filter((r) => r.listener === "api" && r.tokenKind === "github");
    const visited = new Set<string>();
    for (const r of api) {
      const login = r.route === "github:events" ? loginOf(r.path) : undefined;
      if (login && !/[?&]page=([2-9])/.test(r.path)) visited.add(login);
    }
    for (const l of visited) lastVisit.set(l, step);
    if (convergedAt === null && [...tracked].every((l) => lastVisit.has(l))) convergedAt = step;
    // nights since a login's last visit; once converged, counted from the convergence night at the earliest
    let worst = 0;
    for (const l of tracked) {
      const v = lastVisit.get(l);
      if (v !== undefined) worst = Math.max(worst, (step - Math.max(v, convergedAt ?? v)) / perDay);
    }
    if (convergedAt !== null) worstAfter = Math.max(worstAfter ?? 0, worst);
    const st = readSyncStatus(dataDir).datasets.github_activity;
    const p = st?.progress;
    const fig: NightFigures = {
      night,
      run: step % perDay,
      now: world.now.toISOString().slice(0, 16),
      status: st?.status ?? "none",
      progress: p ? `${p.done}/${p.total} next ${p.cursor ?? "(start)"}` : "",
      charged: api.filter((r) => !r.was304).length,
      ok200: api.filter((r) => r.status === 200).length,
      notModified304: api.filter((r) => r.was304).length,
      otherStatus: api.filter((r) => r.status !== 200 && !r.was304).length,
      loginsVisited: visited.size,
      everVisited: [...tracked].filter((l) => lastVisit.has(l)).length,
      worstGapDays: worst,
      activityRows: st?.rows ?? 0,
      seconds: Math.round((Date.now() - t0) / 100) / 10,
    };
    out.push(fig);
    log(
      `night ${night}.${fig.run} ${fig.now}: ${fig.status} ${fig.progress}; charged ${fig.charged}/${budget} (200: ${fig.ok200}, 304: ${fig.notModified304}, other: ${fig.otherStatus}); visited ${fig.loginsVisited}, ever ${fig.everVisited}/${tracked.size}, worst gap ${fig.worstGapDays} days; ${fig.activityRows} rows; ${fig.seconds}s`,
    );
  }
  const finalMatch = convergedAt === null ? null : await compareToGolden(dataDir, lastWorld, start, tracked);
  return {
    tracked: tracked.size,
    budget,
    reserve,
    maxVisits,
    nights: out,
    runsPerDay: perDay,
    convergedAtNight: convergedAt === null ? null : Math.floor(convergedAt / perDay),
    worstGapAfterConvergence: worstAfter,
    budgetNeverExceeded: out.every((n) => n.charged <= budget - reserve + 3),
    finalMatch,
  };
}

/** Rows of weeks the sync could fully see (after the first night's 30-day window) against the world's golden. */
async function compareToGolden(
  dataDir: string,
  world: ReturnType<typeof createWorld>,
  start: number,
  tracked: ReadonlySet<string>,
): Promise<{ matching: number; golden: number }> {
  const firstFull = isoWeek(new Date(start - 30 * DAY_MS).toISOString());
  const key = (r: Row) => `${r.github_login}|${r.week}|${r.event_type}|${r.events}|${r.distinct_repos}`;
  const got = new Set((await readAll(dataDir, getSchema("github_activity"))).map(key));
  let golden = 0;
  let matching = 0;
  for (const r of world.goldens.rows("github_activity")) {
    if (String(r.week) <= firstFull || !tracked.has(String(r.github_login))) continue;
    golden++;
    if (got.has(key(r))) matching++;
  }
  return { matching, golden };
}

if (import.meta.main) {
  const { DATA_DIR_OPTION, dataDir, parseCli } = await import("#core/args.ts");
  const { values } = parseCli(process.argv.slice(2), {
    usage: `usage: npm run test:scale:github -- [--nights N] [--minutes N] [--max-visits N] [--runs-per-day N] [--data-dir DIR]
  --nights N          simulated nights (default: 30)
  --minutes N         stop starting nights after N real minutes
  --max-visits N      GITHUB_ACTIVITY_MAX_VISITS per night (default: tracked logins / 6)
  --runs-per-day N    sync runs per simulated day (default: 1, the nightly run)
  --data-dir DIR      the working data directory (default: a temporary one)
  -h, --help          print this help and exit
`,
    options: {
      nights: { type: "string" },
      minutes: { type: "string" },
      "max-visits": { type: "string" },
      "runs-per-day": { type: "string" },
      ...DATA_DIR_OPTION,
    },
  });
  const num = (n: "nights" | "minutes" | "max-visits" | "runs-per-day") =>
    values[n] === undefined ? undefined : Number(values[n]);
  const nightsArg = num("nights");
  const minutesArg = num("minutes");
  const visitsArg = num("max-visits");
  const perDayArg = num("runs-per-day");
  const result = await runScaleM({
    ...(nightsArg === undefined ? {} : { nights: nightsArg }),
    ...(minutesArg === undefined ? {} : { minutes: minutesArg }),
    ...(visitsArg === undefined ? {} : { maxVisits: visitsArg }),
    ...(perDayArg === undefined ? {} : { runsPerDay: perDayArg }),
    ...(values["data-dir"] === undefined ? {} : { dataDir: dataDir(values) }),
  });
  const { nights: perNight, ...summary } = result;
  process.stdout.write(`${JSON.stringify({ ...summary, nightsRun: perNight.length }, null, 2)}\n`);
}
