/** The sync-kusto action: reads inputs, runs the Kusto source then the derived journey through the core. */
import * as core from "@actions/core";
import { journeySource } from "../../derive-journey/src/source.ts";
import { now } from "../../shared/clock.ts";
import { actionsReporter, runSync } from "../../sync-core/src/index.ts";
import { kustoSource } from "./source.ts";

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
    const report = await runSync({
      dataDir: core.getInput("data-dir") || "data",
      sources: [kustoSource(), journeySource()],
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
