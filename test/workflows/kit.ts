/** Shared by the rehearsal scenarios: one scenario's world, and readable views of a rehearsed run. */
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import type { SimulatorOptions, Simulators } from "../../sim/start.ts";
import { type JobResult, type RunOptions, type RunResult, rehearse, type Trigger } from "./runner.ts";
import { copyRemote, git, machine, scratch, seedRemote, settings, simulators } from "./world.ts";

export const workflow = (name: string): string => join(REPO_ROOT, ".github", "workflows", name);

/** "name: outcome" of every step, for one readable assertion per job. */
export function outcomes(job: JobResult | undefined): string[] {
  return (job?.steps ?? []).map((s) => `${s.name}: ${s.outcome}`);
}

/** The outputs of the sync job's planning step (which datasets each source syncs, whether the journey is derived). */
export function planOf(r: RunResult): Readonly<Record<string, string>> | undefined {
  return r.sync?.steps.find((x) => x.id === "plan")?.outputs;
}

/** The logs of every failed step (empty when none failed). */
export function failedLogs(r: RunResult): string {
  return Object.values(r)
    .flatMap((j) => j.steps.filter((s) => s.outcome === "failure").map((s) => `--- ${s.name}\n${s.log.slice(-3000)}`))
    .join("\n");
}

/** Step timings of one run on stdout (where the rehearsal's minutes go). */
export function timings(tag: string, r: RunResult): void {
  const parts = Object.entries(r).flatMap(([j, x]) =>
    x.steps.filter((s) => s.seconds >= 1).map((s) => `${j}/${s.name} ${s.seconds}s`),
  );
  process.stdout.write(`[rehearsal ${tag}] ${parts.join(", ")}\n`);
}

export interface Scenario {
  readonly sim: Simulators;
  readonly repo: string;
  run(file: string, trigger: Trigger, runId: number, extra?: Partial<RunOptions>): Promise<RunResult>;
  /** files that differ between main and data-sync on the remote */
  branchFiles(): string[];
}

/** A scenario: its own simulators (world as of `now`) and its own copy of the seeded remote. */
export async function scenario(
  root: string,
  remote: string,
  tag: string,
  now: string,
  opts: SimulatorOptions = {},
): Promise<Scenario> {
  const sim = await simulators(now, opts);
  const repo = copyRemote(remote, join(root, `${tag}.git`));
  const m = machine(join(root, tag), repo, sim);
  return {
    sim,
    repo,
    run: async (file, trigger, runId, extra = {}) => {
      const path = file.includes("/") ? file : workflow(file);
      const base = settings(sim);
      const r = await rehearse(m, {
        workflow: path,
        trigger,
        runId,
        ...base,
        ...extra,
        vars: { ...base.vars, ...extra.vars },
      });
      timings(`${tag} ${runId}`, r);
      return r;
    },
    branchFiles: () => {
      const has = git(root, "--git-dir", repo, "branch", "--list", "data-sync");
      return has === "" ? [] : git(root, "--git-dir", repo, "diff", "--name-only", "main", "data-sync").split("\n");
    },
  };
}

/** The night after the committed data (2026-11-24T02:00:00Z), when the rehearsed runs happen. */
export const NIGHT = "2026-11-25T02:00:00Z";
/** a whole workflow run is minutes of work on a loaded 2-core machine (aggregate dominates) */
export const SLOW = { timeout: 480_000 };

/**
 * One test file's rehearsal space: a scratch folder, the seeded bare remote (beforeAll), and scenarios at NIGHT that
 * are closed with the file (afterAll).
 */
export function rehearsalSuite(tag: string): {
  readonly root: string;
  world: (scenarioTag: string, opts?: SimulatorOptions) => Promise<Scenario>;
} {
  const space = scratch(tag);
  const open: Scenario[] = [];
  let remote = "";
  beforeAll(() => {
    remote = seedRemote(space.root);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.sim.close()));
    space.cleanup();
  });
  return {
    root: space.root,
    world: async (scenarioTag, opts = {}) => {
      const s = await scenario(space.root, remote, scenarioTag, NIGHT, opts);
      open.push(s);
      return s;
    },
  };
}
