/** The open-data-pr action: `step: prepare` before the sync, `step: publish` after the diff. */
import { resolve } from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import { now } from "#core/clock.ts";
import { prepare, publish } from "./flow.ts";
import { Git, tokenAuthEnv } from "./git.ts";

function list(name: string): string[] {
  return core
    .getInput(name)
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function run(): Promise<void> {
  try {
    const step = core.getInput("step", { required: true });
    const token = core.getInput("token", { required: true });
    const octokit = github.getOctokit(token);
    const { owner, repo } = github.context.repo;
    // git authenticates with the token through its environment only: the checkout keeps no credentials
    const auth = tokenAuthEnv(process.env.GITHUB_SERVER_URL || "https://github.com", token);
    core.setSecret(auth.GIT_CONFIG_VALUE_0 ?? "");
    const flow = {
      git: new Git(resolve(core.getInput("working-directory") || "."), core.info, auth),
      octokit,
      repo: { owner, repo },
      remote: "origin",
      base: core.getInput("base") || "main",
      branch: core.getInput("branch") || "data-sync",
      warn: core.warning,
    };
    if (step === "prepare") {
      const r = await prepare(flow);
      core.setOutput("from", r.from);
      core.setOutput("pr-number", r.prNumber === null ? "" : String(r.prNumber));
      core.setOutput("branch-sha", r.branchSha);
      const from =
        r.from === "pr-branch"
          ? `PR #${r.prNumber}`
          : r.from === "pr-data"
            ? `${flow.base} + the data of PR #${r.prNumber}`
            : flow.base;
      core.info(`data branch ${flow.branch} starts from ${from}`);
      return;
    }
    if (step !== "publish") throw new Error(`input step must be "prepare" or "publish", got "${step}"`);
    const server = process.env.GITHUB_SERVER_URL;
    const runId = process.env.GITHUB_RUN_ID;
    const dataFrom = core.getInput("data-from");
    const r = await publish({
      ...flow,
      ...(dataFrom ? { dataFrom: resolve(dataFrom) } : {}),
      ...(core.getInput("lease") ? { lease: core.getInput("lease") } : {}),
      dataDir: resolve(core.getInput("data-dir") || "data"),
      paths: list("paths").length > 0 ? list("paths") : ["data"],
      bodyPath: core.getInput("body-path"),
      labels: list("labels"),
      autoMerge: core.getBooleanInput("auto-merge"),
      syncOutcome: core.getInput("sync-outcome"),
      manageFailureIssue: core.getBooleanInput("failure-issue"),
      runUrl: server && runId ? `${server}/${owner}/${repo}/actions/runs/${runId}` : null,
      now: now(),
    });
    core.setOutput("pr-number", r.pr ? String(r.pr.number) : "");
    core.setOutput("pr-url", r.pr?.url ?? "");
    core.setOutput("committed", String(r.committed));
    const summary = r.pr
      ? `Data PR ${r.pr.created ? "opened" : "updated"}: [#${r.pr.number}](${r.pr.url})`
      : `No data changed: no commit, no PR${r.closedPr ? ` (closed stale PR #${r.closedPr})` : ""}.`;
    await core.summary.addRaw(`${summary}\n\nFailure issue: ${r.issue}.\n`, true).write();
    core.info(summary);
    if (r.problems.length > 0) core.warning(`refused or failed: ${r.problems.map((p) => p.dataset).join(", ")}`);
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
