/** The sync-kusto action: reads inputs, runs the Kusto source through the core (the journey is its own action). */
import * as core from "@actions/core";
import { now } from "#core/clock.ts";
import { actionsReporter, runSync, type Source } from "../../sync-core/src/index.ts";
import { KUSTO_DATASETS, kustoSource } from "./source.ts";

/** The Kusto datasets when azure/login failed: each fails with the reason, nothing is queried, old files stay. */
export function loginFailedSource(outcome: string): Source {
  return {
    name: "kusto",
    datasets: KUSTO_DATASETS,
    dataset: () => Promise.reject(new Error(`Azure login ${outcome} (azure/login): Kusto was not queried`)),
  };
}

function bool(name: string): boolean {
  const v = core.getInput(name).trim().toLowerCase();
  if (v === "" || v === "false") return false;
  if (v === "true") return true;
  throw new Error(`input ${name} must be "true" or "false", got "${v}"`);
}

export async function run(): Promise<void> {
  try {
    const list = core
      .getInput("datasets")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    // the outcome of the azure/login step: anything but success (or no login step) fails every Kusto dataset
    const login = core.getInput("azure-login").trim();
    const kusto = login === "" || login === "success" ? kustoSource() : loginFailedSource(login);
    const report = await runSync({
      dataDir: core.getInput("data-dir") || "data",
      sources: [kusto],
      ...(list.length > 0 ? { datasets: list } : {}),
      dryRun: bool("dry-run"),
      allowShrink: bool("allow-shrink"),
      now: now(),
      reporter: actionsReporter(),
      title: "Kusto sync",
    });
    core.setOutput("changed", report.changed.join(","));
    core.setOutput("status-path", report.statusPath);
    core.setOutput("run-record-path", report.runRecordPath);
    const bad = report.results.filter((r) => r.status === "failed" || r.status === "refused");
    if (bad.length > 0)
      core.setFailed(`${bad.map((r) => `${r.dataset} ${r.status}`).join(", ")} (see the job summary)`);
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
