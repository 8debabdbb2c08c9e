/** The sync-github action: reads its inputs, runs the GitHub source through the sync core, reports once. */
import { resolve } from "node:path";
import * as core from "@actions/core";
import { now } from "#core/clock.ts";
import { actionsReporter } from "../../sync-core/src/report.ts";
import { runSync } from "../../sync-core/src/run.ts";
import { githubSource } from "./source.ts";

function list(name: string): string[] | undefined {
  const v = core.getInput(name).trim();
  return v === ""
    ? undefined
    : v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
}

export async function run(): Promise<void> {
  try {
    const token = core.getInput("github-token");
    const copilotToken = core.getInput("copilot-token");
    if (token) core.setSecret(token);
    // @octokit/action (the public client inside Actions) reads GITHUB_TOKEN from the process environment itself
    if (token) process.env.GITHUB_TOKEN = token;
    if (copilotToken) core.setSecret(copilotToken);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...(token ? { GITHUB_TOKEN: token } : {}),
      ...(copilotToken ? { COPILOT_TOKEN: copilotToken } : {}),
      ...(core.getInput("org") ? { GITHUB_ORG: core.getInput("org") } : {}),
      GITHUB_RATE_RESERVE: core.getInput("rate-reserve") || "100",
      GITHUB_TIME_BUDGET_SECONDS: core.getInput("time-budget-seconds") || "1800",
      GITHUB_ACTIVITY_MAX_VISITS: core.getInput("activity-max-visits") || "0",
    };
    const datasets = list("datasets");
    const report = await runSync({
      dataDir: resolve(core.getInput("data-dir") || "data"),
      sources: [githubSource()],
      ...(datasets ? { datasets } : {}),
      dryRun: core.getBooleanInput("dry-run"),
      allowShrink: core.getBooleanInput("allow-shrink"),
      now: now(),
      env,
      reporter: actionsReporter(),
      title: "GitHub sync",
    });
    core.setOutput("changed", report.changed.join(","));
    core.setOutput("status-path", report.statusPath);
    core.setOutput("exit-code", String(report.exitCode));
    if (report.exitCode !== 0) {
      const bad = report.results
        .filter((r) => r.status === "refused" || r.status === "failed")
        .map((r) => `${r.dataset} (${r.status})`);
      core.setFailed(`GitHub sync: ${bad.join(", ")}; every other dataset was written`);
    }
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
