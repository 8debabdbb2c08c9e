/**
 * Rehearses a workflow from its YAML on this machine, the way the runner would: jobs in `needs` order, `if:`,
 * `env:` and `with:` evaluated by @actions/expressions, local actions run from their committed dist/ with INPUT_*
 * variables and the GITHUB_OUTPUT / GITHUB_ENV / GITHUB_PATH / GITHUB_STEP_SUMMARY files, `run:` steps in bash, and
 * stand-ins (standins.ts) only for remote actions; how a step executes is exec.ts. Every step's outcome, outputs,
 * log and the job summaries are returned.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { actionInputs, parseFileCommands, runNodeAction, runScript } from "./exec.ts";
import { asString, evaluate, isTrue, type Json, type Scope, type Status, strictCheck } from "./expr.ts";
import { isBasicExpression, isLiteral, loadAction, loadWorkflow, type MappingToken, rawWith } from "./parse.ts";
import { STAND_INS, type StandIn } from "./standins.ts";

export interface Machine {
  /** the environment every step starts from (PATH, HOME, the simulators' URLs, ACE_NOW…) */
  readonly env: Readonly<Record<string, string>>;
  readonly remote: string;
  readonly root: string;
  readonly nodeBin: string;
  readonly nodeModules: string;
}

export interface Trigger {
  readonly event: "schedule" | "workflow_dispatch" | "workflow_run" | "push";
  readonly schedule?: string;
  readonly inputs?: Readonly<Record<string, string | boolean>>;
  readonly payload?: { readonly [k: string]: Json };
}

export interface RunOptions {
  readonly workflow: string;
  readonly trigger: Trigger;
  readonly runId: number;
  readonly vars?: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, string>>;
  /** remote-action stand-ins replaced for this run (e.g. a failing azure/login) */
  readonly standIns?: Readonly<Record<string, StandIn>>;
  /** rewrites a `run:` script before it runs (the deploy's `wrangler deploy` → `--dry-run`) */
  readonly rewrite?: (script: string) => string;
  readonly token: string;
  readonly apiUrl: string;
  /** only these jobs run; the others count as succeeded with no outputs (their needs are met) */
  readonly only?: readonly string[];
}

export type Outcome = "success" | "failure" | "skipped";
export interface StepResult {
  readonly id: string;
  readonly name: string;
  readonly outcome: Outcome;
  readonly conclusion: Outcome;
  readonly outputs: Readonly<Record<string, string>>;
  readonly log: string;
  readonly seconds: number;
}
export interface JobResult {
  readonly result: Outcome;
  readonly outputs: Readonly<Record<string, string>>;
  readonly steps: readonly StepResult[];
  readonly summary: string;
  readonly workspace: string;
}
export type RunResult = Readonly<Record<string, JobResult>>;

export async function rehearse(machine: Machine, o: RunOptions): Promise<RunResult> {
  const { template, root } = await loadWorkflow(o.workflow);
  const declaredInputs = template.events.workflow_dispatch?.inputs ?? {};
  const inputs: Record<string, Json> = {};
  if (o.trigger.event === "workflow_dispatch")
    for (const [k, d] of Object.entries(declaredInputs)) inputs[k] = o.trigger.inputs?.[k] ?? d.default ?? "";
  const payload = {
    repository: { name: "ace-data-site", full_name: "ace-demo/ace-data-site" },
    ...(o.trigger.schedule ? { schedule: o.trigger.schedule } : {}),
    ...(o.trigger.event === "workflow_dispatch" ? { inputs } : {}),
    ...o.trigger.payload,
  };
  const github = {
    event_name: o.trigger.event,
    event: payload,
    token: o.token,
    repository: "ace-demo/ace-data-site",
    repository_owner: "ace-demo",
    server_url: "https://github.com",
    api_url: o.apiUrl,
    run_id: String(o.runId),
    run_attempt: "1",
    ref: "refs/heads/main",
    head_ref: "",
    actor: "rehearsal",
  };
  const base = { github, inputs, vars: { ...o.vars }, secrets: { ...o.secrets } } as Record<string, Json>;
  const jobs: Record<string, JobResult> = {};
  for (const job of template.jobs) {
    if (job.type !== "job") throw new Error("reusable workflows are not rehearsed");
    const id = job.id.value;
    const needs = (job.needs ?? []).map((n) => n.value);
    const needsCtx: Record<string, Json> = {};
    const needsOutputs = new Map<string, readonly string[]>();
    for (const n of needs) {
      const j = jobs[n];
      if (!j) throw new Error(`job ${id} needs ${n}, which has not run`);
      needsCtx[n] = { result: j.result, outputs: j.outputs };
      const declared = template.jobs.find((x) => x.id.value === n)?.outputs;
      needsOutputs.set(n, declared ? [...declared].map((kv) => kv.key.toString()) : []);
    }
    const jobScope: Scope = {
      stepIds: [],
      stepIndex: 0,
      declared: new Map(),
      ran: new Map(),
      needs: needsOutputs,
      inputs: Object.keys(declaredInputs),
      env: {},
    };
    const jobStatus: Status = {
      success: needs.every((n) => jobs[n]?.result === "success"),
      failure: needs.some((n) => jobs[n]?.result === "failure"),
    };
    const ctx0 = { ...base, needs: needsCtx };
    if (o.only && !o.only.includes(id)) {
      jobs[id] = { result: "success", outputs: {}, steps: [], summary: "", workspace: "" };
      continue;
    }
    if (!isTrue(evaluate(job.if.expression, ctx0, jobStatus, strictCheck(jobScope)))) {
      jobs[id] = { result: "skipped", outputs: {}, steps: [], summary: "", workspace: "" };
      continue;
    }
    jobs[id] = await runJob(machine, o, job, id, root, ctx0, jobScope);
  }
  return jobs;
}

type Job = Extract<Awaited<ReturnType<typeof loadWorkflow>>["template"]["jobs"][number], { type: "job" }>;

function evalMap(
  m: MappingToken | undefined,
  ctx: Record<string, Json>,
  st: Status,
  scope: Scope,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (m === undefined) return out;
  for (const kv of m) {
    const v = kv.value;
    if (isBasicExpression(v)) out[kv.key.toString()] = asString(evaluate(v.expression, ctx, st, strictCheck(scope)));
    else if (isLiteral(v)) out[kv.key.toString()] = v.toString();
    else throw new Error(`${kv.key.toString()}: only scalar values are rehearsed`);
  }
  return out;
}

async function runJob(
  machine: Machine,
  o: RunOptions,
  job: Job,
  id: string,
  root: Parameters<typeof rawWith>[0],
  ctx0: Record<string, Json>,
  jobScope: Scope,
): Promise<JobResult> {
  const dir = join(machine.root, `run-${o.runId}`, id);
  rmSync(dir, { recursive: true, force: true });
  const workspace = join(dir, "work");
  const temp = join(dir, "temp");
  const files = join(dir, "files");
  for (const d of [workspace, temp, files]) mkdirSync(d, { recursive: true });
  const eventPath = join(files, "event.json");
  writeFileSync(eventPath, JSON.stringify((ctx0.github as { event: Json }).event));
  const runner = { temp, os: "Linux", arch: "X64", name: "rehearsal" };
  const ctx: Record<string, Json> = { ...ctx0, runner, env: {}, steps: {} };
  const ok: Status = { success: true, failure: false };
  const env: Record<string, string> = evalMap(job.env, ctx, ok, jobScope);
  const paths: string[] = [];
  const steps: StepResult[] = [];
  const stepIds = job.steps.map((s) => s.id);
  const declared = new Map<string, readonly string[] | undefined>();
  const ran = new Map<string, { outputs: Record<string, string>; skipped: boolean }>();
  const stepsCtx: Record<string, Json> = {};
  let summary = "";
  for (const [index, step] of job.steps.entries()) {
    const started = performance.now();
    const label =
      "uses" in step ? step.uses.value.split("@")[0] : "run" in step ? step.run.toString().split("\n")[0] : "";
    const name = step.name?.toString() ?? `Run ${label}`;
    const failed = steps.some((s) => s.conclusion === "failure");
    const st: Status = { success: !failed, failure: failed };
    const scope: Scope = { ...jobScope, stepIds, stepIndex: index, declared, ran, env };
    const sctx = { ...ctx, env: { ...env }, steps: stepsCtx };
    const uses = "uses" in step ? step.uses.value : undefined;
    const local = uses?.startsWith("./") ? uses : undefined;
    const remote = uses && !local ? (uses.split("@")[0] ?? "").toLowerCase() : undefined;
    const standIn = remote ? (o.standIns?.[remote] ?? STAND_INS[remote]) : undefined;
    if (remote && !standIn) throw new Error(`${name}: no stand-in for ${uses}`);
    const action = local ? await loadAction(join(workspace, local, "action.yml")) : undefined;
    declared.set(step.id, action ? (action.outputs ?? []).map((x) => x.id) : standIn?.outputs);
    const cond = "if" in step && step.if ? step.if.expression : "success()";
    if (!isTrue(evaluate(cond, sctx, st, strictCheck(scope)))) {
      steps.push({ id: step.id, name, outcome: "skipped", conclusion: "skipped", outputs: {}, log: "", seconds: 0 });
      ran.set(step.id, { outputs: {}, skipped: true });
      stepsCtx[step.id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
      continue;
    }
    const stepEnv = { ...env, ...evalMap("env" in step ? step.env : undefined, sctx, st, scope) };
    const withs = evalMap(rawWith(root, id, index), { ...sctx, env: stepEnv }, st, { ...scope, env: stepEnv });
    const fileOf = (n: string): string => {
      const f = join(files, `${index}-${n}`);
      writeFileSync(f, "");
      return f;
    };
    const out = fileOf("output");
    const envFile = fileOf("env");
    const pathFile = fileOf("path");
    const summaryFile = fileOf("summary");
    const procEnv: Record<string, string> = {
      ...machine.env,
      PATH: [...paths]
        .reverse()
        .concat(machine.env.PATH ?? "")
        .join(":"),
      ...stepEnv,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: out,
      GITHUB_ENV: envFile,
      GITHUB_PATH: pathFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_EVENT_NAME: o.trigger.event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: "ace-demo/ace-data-site",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_API_URL: o.apiUrl,
      GITHUB_RUN_ID: String(o.runId),
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_REF: "refs/heads/main",
      GITHUB_JOB: id,
      GITHUB_ACTION: step.id,
      RUNNER_TEMP: temp,
      RUNNER_OS: "Linux",
    };
    let code = 0;
    let log = "";
    let outputs: Record<string, string> = {};
    try {
      if (standIn) {
        outputs = standIn.run({
          with: withs,
          workspace,
          remote: machine.remote,
          artifacts: join(machine.root, "artifacts"),
          runId: o.runId,
          nodeBin: machine.nodeBin,
          addPath: (d) => paths.push(d),
          log: (l) => {
            log += `${l}\n`;
          },
        });
      } else if (action) {
        const evalDefault = (e: string) => asString(evaluate(e, sctx, st, () => {}));
        const runs = action.runs;
        if (runs.using !== "node24") throw new Error(`${local}: runs.using ${runs.using}`);
        const main = join(workspace, local ?? "", runs.main);
        [code, log] = await runNodeAction(machine.nodeBin, main, workspace, {
          ...procEnv,
          ...actionInputs(action, local ?? "", withs, evalDefault),
        });
        outputs = parseFileCommands(readFileSync(out, "utf8"));
      } else if ("run" in step) {
        const script = (o.rewrite ?? ((x: string) => x))(step.run.toString());
        [code, log] = await runScript(script, join(files, `${index}-run.sh`), workspace, procEnv, machine.nodeModules);
        outputs = parseFileCommands(readFileSync(out, "utf8"));
      }
    } catch (err) {
      code = 1;
      log += `##[error]${err instanceof Error ? err.message : String(err)}\n`;
    }
    Object.assign(env, parseFileCommands(readFileSync(envFile, "utf8")));
    paths.push(...readFileSync(pathFile, "utf8").split("\n").filter(Boolean));
    summary += readFileSync(summaryFile, "utf8");
    const outcome: Outcome = code === 0 ? "success" : "failure";
    const coe = "continue-on-error" in step ? step["continue-on-error"] : undefined;
    const conclusion: Outcome =
      outcome === "failure" && (coe === true || coe?.toString() === "true") ? "success" : outcome;
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    steps.push({ id: step.id, name, outcome, conclusion, outputs, log, seconds });
    ran.set(step.id, { outputs, skipped: false });
    stepsCtx[step.id] = { outputs, outcome, conclusion };
  }
  const failed = steps.some((s) => s.conclusion === "failure");
  const endScope: Scope = { ...jobScope, stepIds, stepIndex: stepIds.length, declared, ran, env };
  const outputs = evalMap(
    job.outputs,
    { ...ctx, env, steps: stepsCtx },
    { success: !failed, failure: failed },
    endScope,
  );
  appendFileSync(join(dir, "summary.md"), summary);
  return { result: failed ? "failure" : "success", outputs, steps, summary, workspace };
}

export { parseFileCommands };
