/**
 * `npm run demo [-- --scale S|M|L] [--people N] [--faults plan.json] [--write] [--fresh] [--port N] [--recheck DAYS]`
 * One command, offline: both simulators in-process → the real sync of every dataset into a scratch copy of data/
 * (the committed data/ only with --write) → aggregation → the worker (wrangler dev) → the site built against it and
 * served on 127.0.0.1 → one screen with the URLs and ready-to-paste curl lines. Ctrl-C stops everything. With
 * `--recheck DAYS`, a second sync runs DAYS later (ACE_NOW + DAYS, the simulators' world still as of the first time,
 * so nothing upstream is new) and the worker and site use that later clock: nothing is stale, since the second run
 * checked every dataset (its run record is published beside the status and read by the worker).
 * See docs/demo.md.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count, DATA_DIR_OPTION, dataDir as dataDirOf, parseCli } from "#core/args.ts";
import { METRIC_NAMES } from "../../worker/src/metrics.ts";
import type { FaultPlanInput } from "../faults/plan.ts";
import { startSimulators } from "../start.ts";
import { stopChildren } from "./children.ts";
import {
  freePort,
  laterAceNow,
  type PipelineOptions,
  recheckSummary,
  runAggregateStep,
  runBuildStep,
  runSyncStep,
  sampleLogin,
  startSiteServer,
  startWorkerStep,
} from "./pipeline.ts";
import { createProgress } from "./progress.ts";

const USAGE = `usage: npm run demo -- [--scale S|M|L] [--people N] [--faults plan.json] [--write] [--fresh] [--port N] [--recheck DAYS] [--data-dir DIR]
  --scale S|M|L     the simulated world's scale (default: S)
  --people N        a world of N people instead of a scale
  --faults FILE     a fault plan (JSON) the simulators follow
  --write           sync into the data directory itself instead of a scratch copy
  --fresh           start from empty data (the schemas only); not with --write
  --port N          the site server's port on 127.0.0.1 (default: a free one)
  --recheck DAYS    a second sync DAYS later, against the same world
  --data-dir DIR    the data directory copied (or written with --write) (default: data/)
  -h, --help        print this help and exit
`;

const cleanups: (() => Promise<void> | void)[] = [];
let stopping: Promise<never> | undefined;

/**
 * Stops the children, runs the cleanups, exits with `code`. The first call decides: a later one (the pipeline failing
 * because a signal stopped its child) waits for it instead of exiting before the cleanups are done.
 */
function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    await stopChildren();
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (e) {
        process.stderr.write(`demo: cleanup: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
    process.exit(code);
  })();
  return stopping;
}

function say(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** Scratch data dir: a copy of data/ (or only its schemas with --fresh). */
function scratchData(source: string, fresh: boolean, root: string): string {
  const dir = join(root, "data");
  if (fresh) {
    mkdirSync(dir, { recursive: true });
    cpSync(join(source, "schema"), join(dir, "schema"), { recursive: true });
  } else {
    cpSync(source, dir, { recursive: true });
  }
  return dir;
}

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: {
      scale: { type: "string" },
      people: { type: "string" },
      faults: { type: "string" },
      write: { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
      port: { type: "string" },
      recheck: { type: "string" },
      ...DATA_DIR_OPTION,
    },
  });
  if (values.write && values.fresh) throw new Error("--fresh starts from empty data: not with --write");
  const began = performance.now();
  const elapsed = () => `${((performance.now() - began) / 1000).toFixed(1)} s`;
  const scratch = mkdtempSync(join(tmpdir(), "ace-demo-"));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const source = dataDirOf(values);
  const dataDir = values.write ? source : scratchData(source, values.fresh, scratch);
  const faultsFile = values.faults;
  const people = count("people", values.people);
  say(`ACE data site demo — data in ${dataDir}${values.write ? " (committed data: --write)" : " (scratch copy)"}`);
  say(`▶ simulators${faultsFile ? ` with fault plan ${faultsFile}` : ""} …`);
  const sims = await startSimulators({
    ...(people !== undefined ? { people } : { scale: values.scale ?? "S" }),
    ...(faultsFile ? { faults: JSON.parse(readFileSync(faultsFile, "utf8")) as FaultPlanInput } : {}),
  });
  cleanups.push(() => sims.close());
  say(`  ${sims.world.people} people, now ${sims.env.ACE_NOW}  (${elapsed()})`);

  const recheck = values.recheck;
  const recheckDays = recheck === undefined ? 0 : Number(recheck);
  if (!Number.isInteger(recheckDays) || recheckDays < 0) throw new Error(`--recheck ${recheck}: expected whole days`);
  const progress = createProgress();
  let o: PipelineOptions = { dataDir, siteDir: join(scratch, "_site"), simEnv: sims.env, progress, log: say };
  say("▶ sync (every dataset, the real sync CLI against the simulators)");
  const tty = process.stdout.isTTY === true;
  let drawn = 0;
  const redraw = () => {
    const lines = progress.render();
    if (drawn > 0) process.stdout.write(`\x1b[${drawn}A\x1b[J`);
    process.stdout.write(`${lines.join("\n")}\n`);
    drawn = lines.length;
  };
  const timer = tty ? setInterval(redraw, 500) : undefined;
  let reported = 0;
  const quiet = setInterval(() => {
    if (tty) return;
    const done = progress.datasets.filter((d) => d.seconds !== null);
    for (const d of done.slice(reported)) say(`  ${d.dataset}: ${d.status}, ${d.rows ?? "?"} rows, ${d.seconds} s`);
    reported = done.length;
  }, 250);
  const syncCode = await runSyncStep(o).finally(() => {
    clearInterval(timer);
    clearInterval(quiet);
  });
  if (tty) redraw();
  else for (const line of progress.render()) say(line);
  say(
    `  sync exit code ${syncCode}${syncCode === 1 ? " (some dataset refused or failed: see the table)" : ""}  (${elapsed()})`,
  );

  say("▶ aggregate");
  await runAggregateStep(o);
  if (recheckDays > 0) {
    const later = laterAceNow(sims.env.ACE_NOW ?? "", recheckDays);
    o = { ...o, simEnv: { ...sims.env, ACE_NOW: later }, progress: createProgress() };
    say(`▶ second sync ${recheckDays} days later (ACE_NOW=${later}; the world upstream still as of the first sync)`);
    const code = await runSyncStep(o);
    for (const line of recheckSummary(dataDir)) say(`  ${line}`);
    say(`  sync exit code ${code}  (${elapsed()})`);
    say("▶ aggregate");
    await runAggregateStep(o);
  }
  say(`▶ worker (wrangler dev)  (${elapsed()})`);
  const sitePort = values.port === undefined ? await freePort() : Number(values.port);
  // registered before it is up: a signal while wrangler starts still stops it (once it answers or gives up)
  const starting = startWorkerStep(o, scratch, `http://127.0.0.1:${sitePort}`);
  cleanups.push(async () => (await starting.catch(() => undefined))?.close());
  const worker = await starting;
  say(`▶ site build  (${elapsed()})`);
  await runBuildStep(o, worker.url.replace(/\/$/, ""));
  const site = await startSiteServer(o, sitePort);
  cleanups.push(() => site.close());

  const login = (await sampleLogin(dataDir)) ?? "octocat";
  const token = sims.env.API_TOKEN ?? "";
  say("");
  say(`Site: ${site.url}`);
  say(`Worker: ${worker.url}`);
  say("");
  say("Try the worker:");
  say(`  curl -s ${worker.url}api/metrics/sync-status`);
  say(`  curl -s ${worker.url}api/metrics/${METRIC_NAMES[0]}`);
  say(`  curl -s -H 'Authorization: Bearer ${token}' ${worker.url}api/users/${login}/exams`);
  say(`Sign in as the demo learner ${login} (GitHub simulator; a browser works too):`);
  say(`  curl -sL -c jar.txt -b jar.txt '${worker.url}auth/login?login=${login}'   # ends on /me`);
  say(`  curl -s -b jar.txt ${worker.url}api/me/exams`);
  say("");
  say(`ready in ${elapsed()} — press Ctrl-C to stop (simulators, worker and site server stop with it)`);
}

// Ctrl-C, `kill` and a closed terminal all stop every child (simulators, sync, wrangler dev, site server) first
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => void stop(0));
main().catch(async (err: unknown) => {
  // a step whose child a signal stopped fails as a matter of course: nothing to report then
  if (stopping === undefined) process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  await stop(1);
});
