/** The derive-journey action: journey_complete from the committed CSVs, through the sync core. */
import * as core from "@actions/core";
import { now } from "#core/clock.ts";
import { actionsReporter, runSync } from "../../sync-core/src/index.ts";
import { journeySource } from "./source.ts";

export async function run(): Promise<void> {
  try {
    const report = await runSync({
      dataDir: core.getInput("data-dir") || "data",
      sources: [journeySource()],
      now: now(),
      reporter: actionsReporter(),
      title: "Derived datasets",
    });
    core.setOutput("changed", report.changed.join(","));
    if (report.exitCode !== 0) core.setFailed(report.results.map((r) => `${r.dataset}: ${r.message}`).join("; "));
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
