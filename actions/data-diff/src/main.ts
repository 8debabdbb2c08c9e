/** The data-diff action: diff the working data against the base, write the Markdown, set outputs and the summary. */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as core from "@actions/core";
import { renderMarkdown } from "./render.ts";
import { outcome, runDiff } from "./run.ts";

function positiveInt(name: string, fallback: number): number {
  const raw = core.getInput(name);
  if (raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0) throw new Error(`input ${name} must be a non-negative integer, got "${raw}"`);
  return v;
}

export async function run(): Promise<void> {
  try {
    const dataDir = core.getInput("data-dir") || "data";
    const base = core.getInput("base");
    const bodyPath = core.getInput("body-path") || join(process.env.RUNNER_TEMP ?? ".", "data-diff.md");
    const sampleSize = positiveInt("sample-size", 10);
    const { report, note } = await runDiff({ dataDir, ...(base ? { base } : {}), sampleSize });
    if (note) core.warning(note);
    const body = renderMarkdown(report, undefined, sampleSize);
    writeFileSync(bodyPath, `${body}\n`);
    // The whole report, uncut (the same public rendering: people counted, never listed): the run's `data-diff` artifact.
    const fullPath = join(dirname(bodyPath), "data-diff-full.md");
    writeFileSync(fullPath, `${renderMarkdown(report, Number.MAX_SAFE_INTEGER, sampleSize)}\n`);
    const { changed, problems } = outcome(report);
    core.setOutput("changed", String(report.changed));
    core.setOutput("datasets", changed.join(","));
    core.setOutput("problems", problems.join(","));
    core.setOutput("body-path", bodyPath);
    core.setOutput("full-path", fullPath);
    await core.summary.addRaw(body, true).write();
    core.info(`${changed.length} dataset(s) changed: ${changed.join(", ") || "none"}`);
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
