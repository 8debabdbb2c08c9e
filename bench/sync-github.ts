/**
 * GitHub sync request bench (default scale M): the committed-style data of the world (its golden CSVs and
 * data/state/) is written to a temporary dir, one priming sync obtains the ETags (the world's state carries none),
 * then an UNCHANGED re-sync (same ACE_NOW) is counted from the simulator's request log: 200 / 304 / other per
 * endpoint, beside the requests a refetch-everything sync (no state, no ETags, no CSV history) would need.
 * Limits are lifted (budget, secondary, search) so the priming run completes; nothing here waits on a real clock.
 *
 *   npx node bench/sync-github.ts [--scale M | --people N] [--json]
 * (--json: one final line `{"bench":"github",…GitHubBenchResult}` for bench/index.ts)
 *
 * `benchGitHub()` returns the figures for scripts/bench.ts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDataset } from "#core/csv.ts";
import { getSchema } from "#core/schema.ts";
import { serializeActivityState, serializeSkillsState } from "#core/state.ts";
import { runSync, silentReporter } from "../actions/sync-core/src/index.ts";
import { planCopilotDays } from "../actions/sync-github/src/copilot.ts";
import { GITHUB_DATASETS, githubSource } from "../actions/sync-github/src/source.ts";
import { start as startGitHub } from "../sim/github/server.ts";
import type { RequestLog } from "../sim/github/types.ts";
import { defaultToken } from "../sim/github/types.ts";
import { createWorld } from "../sim/world/index.ts";

const DAY_MS = 86_400_000;

export interface EndpointCounts {
  readonly ok200: number;
  readonly notModified304: number;
  readonly other: number;
}

export interface GitHubBenchResult {
  readonly scale: string;
  readonly trackedLogins: number;
  /** the unchanged re-sync, per simulator route (github:events, github:forks, github:copilot-report, …) */
  readonly resync: Readonly<Record<string, EndpointCounts>>;
  readonly resyncTotal: EndpointCounts;
  /** requests that count against the hourly budget in the re-sync (everything but 304) */
  readonly resyncCharged: number;
  /** API requests a sync from nothing would make for the same data (events pages, forks pages, reports, …) */
  readonly refetchEverything: Readonly<Record<string, number>>;
  readonly refetchEverythingTotal: number;
  readonly seconds: { readonly priming: number; readonly resync: number };
}

function count(reqs: readonly RequestLog[]): Record<string, EndpointCounts> {
  const out: Record<string, { ok200: number; notModified304: number; other: number }> = {};
  for (const r of reqs) {
    if (r.listener !== "api") continue;
    const c = out[r.route] ?? { ok200: 0, notModified304: 0, other: 0 };
    out[r.route] = c;
    if (r.was304) c.notModified304++;
    else if (r.status === 200) c.ok200++;
    else c.other++;
  }
  return out;
}

export async function benchGitHub(
  opts: { scale?: string; people?: number; log?: (l: string) => void } = {},
): Promise<GitHubBenchResult> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const world = createWorld(opts.people ? { people: opts.people } : { scale: opts.scale ?? "M" });
  const dir = mkdtempSync(join(tmpdir(), "ace-gh-bench-"));
  for (const name of ["unified_users", ...GITHUB_DATASETS])
    await writeDataset(dir, getSchema(name), world.goldens.rows(name as Parameters<typeof world.goldens.rows>[0]));
  const state = world.goldens.state();
  mkdirSync(join(dir, "state"), { recursive: true });
  writeFileSync(join(dir, "state", "activity.json"), serializeActivityState(state.activity));
  writeFileSync(join(dir, "state", "skills.json"), serializeSkillsState(state.skills));
  const sim = await startGitHub({
    world,
    budgets: { github: 10_000_000, copilot: 10_000_000, search: 100_000, secondaryPerMinute: 10_000_000 },
  });
  const env = {
    GITHUB_API_URL: sim.url,
    GITHUB_TOKEN: defaultToken("github"),
    COPILOT_TOKEN: defaultToken("copilot"),
    GITHUB_ORG: world.github.org,
    GITHUB_RATE_RESERVE: "0",
  };
  const sync = () =>
    runSync({
      dataDir: dir,
      sources: [githubSource({ timing: "fast" })],
      now: world.now,
      env,
      reporter: silentReporter(),
    });
  try {
    let t = performance.now();
    await sync();
    const priming = (performance.now() - t) / 1000;
    log(`priming sync (obtains the ETags): ${sim.requests.length} requests in ${priming.toFixed(1)} s`);
    const before = sim.requests.length;
    t = performance.now();
    await sync();
    const resyncSeconds = (performance.now() - t) / 1000;
    const resync = count(sim.requests.slice(before));
    const resyncTotal = Object.values(resync).reduce(
      (a, c) => ({
        ok200: a.ok200 + c.ok200,
        notModified304: a.notModified304 + c.notModified304,
        other: a.other + c.other,
      }),
      { ok200: 0, notModified304: 0, other: 0 },
    );
    const refetch = refetchEverything(world);
    return {
      scale: world.scale.name,
      trackedLogins: refetch.logins,
      resync,
      resyncTotal,
      resyncCharged: resyncTotal.ok200 + resyncTotal.other,
      refetchEverything: refetch.byRoute,
      refetchEverythingTotal: Object.values(refetch.byRoute).reduce((a, b) => a + b, 0),
      seconds: { priming, resync: resyncSeconds },
    };
  } finally {
    await sim.close();
  }
}

/** What a sync from nothing would request: every visible event page, every forks page, every report, … */
function refetchEverything(world: ReturnType<typeof createWorld>): {
  logins: number;
  byRoute: Record<string, number>;
} {
  const now = world.now.getTime();
  const tracked = new Set<string>();
  for (const u of world.goldens.rows("unified_users"))
    if (typeof u.github_login === "string" && u.github_login !== "") tracked.add(u.github_login);
  let eventPages = 0;
  for (const login of tracked) {
    const visible = world.github.publicEvents(login).filter((e) => Date.parse(e.created_at) >= now - 30 * DAY_MS);
    eventPages += Math.max(1, Math.ceil(Math.min(300, visible.length) / 100));
  }
  const courses = world.github.skillsCourses();
  const learners = world.github.learnerRepos().filter((r) => !r.private);
  let forkPages = 0;
  for (const c of courses.filter((x) => x.is_template)) {
    const forks = learners.filter((r) => r.course === c.name && r.method === "fork").length;
    forkPages += Math.max(1, Math.ceil(forks / 100));
  }
  const days = planCopilotDays([], world.now).days.length;
  return {
    logins: tracked.size,
    byRoute: {
      "github:events": eventPages,
      "github:org-repos": Math.max(1, Math.ceil(courses.length / 100)),
      "github:forks": forkPages,
      // every template-generated candidate confirmed once (search pages not counted)
      "github:repo": learners.filter((r) => r.method === "template").length,
      // organization-1-day + users-1-day for every day of the one-year window (download links not counted)
      "github:copilot-report": 2 * days,
    },
  };
}

if (import.meta.main) {
  const { parseCli } = await import("#core/args.ts");
  const { values } = parseCli(process.argv.slice(2), {
    usage: `usage: npm run bench:github -- [--scale M | --people N] [--json]
  --scale S|M|L     the world's scale (default: M)
  --people N        a world of N people instead of a scale
  --json            also print one last line {"bench":"github",...} for npm run bench
  -h, --help        print this help and exit
`,
    options: { scale: { type: "string", default: "M" }, people: { type: "string" }, json: { type: "boolean" } },
  });
  const r = await benchGitHub({
    ...(values.scale ? { scale: values.scale } : {}),
    ...(values.people ? { people: Number(values.people) } : {}),
  });
  const none = { ok200: 0, notModified304: 0, other: 0 };
  const routes = [...new Set([...Object.keys(r.resync), ...Object.keys(r.refetchEverything)])].sort();
  const rows = routes.map((route) => {
    const c = r.resync[route] ?? none;
    return `| ${route} | ${c.ok200} | ${c.notModified304} | ${c.other} | ${r.refetchEverything[route] ?? "—"} |`;
  });
  process.stdout.write(
    [
      `GitHub sync, unchanged re-sync at scale ${r.scale} (${r.trackedLogins} tracked logins)`,
      "",
      "| endpoint | 200 | 304 | other | refetch-everything |",
      "|---|---:|---:|---:|---:|",
      ...rows,
      `| total | ${r.resyncTotal.ok200} | ${r.resyncTotal.notModified304} | ${r.resyncTotal.other} | ${r.refetchEverythingTotal} |`,
      "",
      `charged against the hourly budget: ${r.resyncCharged} (refetch-everything: ${r.refetchEverythingTotal}); priming ${r.seconds.priming.toFixed(1)} s, re-sync ${r.seconds.resync.toFixed(1)} s`,
      "",
    ].join("\n"),
  );
  if (values.json) process.stdout.write(`${JSON.stringify({ bench: "github", ...r })}\n`);
}
