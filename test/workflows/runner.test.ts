/**
 * The rehearsal itself fails on the mistakes it exists to catch: a wrong output name, a step or env variable that
 * does not exist in an `if:`, a local action whose files are missing, a `run:` step that fails, a job output nobody
 * declared. Small workflows with `run:` steps only; no simulators.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFileCommands, type RunResult, rehearse } from "./runner.ts";
import { nodeBin, scratch } from "./world.ts";

const space = scratch("runner");
afterAll(() => space.cleanup());

let n = 0;
async function run(jobs: string): Promise<RunResult> {
  n += 1;
  const file = join(space.root, `wf-${n}.yml`);
  writeFileSync(file, `name: t\non: workflow_dispatch\npermissions: {}\njobs:\n${jobs}`);
  const root = join(space.root, `m-${n}`);
  mkdirSync(root, { recursive: true });
  const machine = {
    env: { PATH: process.env.PATH ?? "", HOME: root },
    remote: "",
    root,
    nodeBin: nodeBin(),
    nodeModules: "",
  };
  return rehearse(machine, {
    workflow: file,
    trigger: { event: "workflow_dispatch" },
    runId: n,
    token: "t",
    apiUrl: "http://127.0.0.1:9",
  });
}

const job = (steps: string): string => `  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe("the rehearsal runner", () => {
  it("passes outputs, env and summaries between steps, and skips by if:", async () => {
    const r = await run(
      job(`      - id: one
        run: |
          echo "x=1" >> "$GITHUB_OUTPUT"
          echo "FLAG=on" >> "$GITHUB_ENV"
          echo "hello" >> "$GITHUB_STEP_SUMMARY"
      - id: two
        if: steps.one.outputs.x == '1' && env.FLAG == 'on'
        run: echo two
      - id: three
        if: steps.one.outputs.x == '2'
        run: exit 1
      - id: four
        run: exit 3
        continue-on-error: true
      - id: five
        if: failure()
        run: echo never
`),
    );
    expect(r.a?.steps.map((s) => `${s.id}:${s.outcome}/${s.conclusion}`)).toEqual([
      "one:success/success",
      "two:success/success",
      "three:skipped/skipped",
      "four:failure/success",
      "five:skipped/skipped",
    ]);
    expect(r.a?.summary).toBe("hello\n");
    expect(r.a?.result).toBe("success");
  });

  it("fails on an output a step never set", async () => {
    await expect(
      run(
        job(
          `      - id: one\n        run: echo "x=1" >> "$GITHUB_OUTPUT"\n      - if: steps.one.outputs.y == ''\n        run: echo\n`,
        ),
      ),
    ).rejects.toThrow(/step "one" ran but never set output "y"/);
  });

  it("fails on a step id or env variable that does not exist", async () => {
    await expect(run(job(`      - if: steps.nope.outcome == 'success'\n        run: echo\n`))).rejects.toThrow(
      /no earlier step with id "nope"/,
    );
    await expect(run(job(`      - if: env.DRYRUN != 'true'\n        run: echo\n`))).rejects.toThrow(
      /env.DRYRUN is not set/,
    );
  });

  it("fails a step whose local action is missing, and a failing run: step fails the job", async () => {
    await expect(run(job(`      - uses: ./actions/nope\n`))).rejects.toThrow(/actions\/nope\/action.yml/);
    const r = await run(job(`      - run: cat no-such-file\n      - run: echo after\n`));
    expect(r.a?.steps.map((s) => s.outcome)).toEqual(["failure", "skipped"]);
    expect(r.a?.result).toBe("failure");
  });

  it("fails on a job output another job does not declare", async () => {
    const jobs = `${job(`      - run: echo\n`)}  b:\n    needs: a\n    if: needs.a.outputs.x == ''\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;
    await expect(run(jobs)).rejects.toThrow(/job "a" declares no output "x"/);
  });

  it("reads the runner's file commands, heredocs included", () => {
    expect(parseFileCommands("a=1\nb<<EOF_1\nline 1\nline 2\nEOF_1\nc=x=y\n")).toEqual({
      a: "1",
      b: "line 1\nline 2",
      c: "x=y",
    });
  });
});
