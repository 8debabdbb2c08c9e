/** The aggregate action: read inputs, aggregate, write the files, set outputs; fails once with setFailed. */
import * as core from "@actions/core";
import { aggregate, writeAggregated } from "./aggregate.ts";
import { ENGINES, isEngineName } from "./engine/index.ts";

/** Flags raised by any output file's inputs (each file lists its own). */
export function inputFlags(files: ReadonlyMap<string, string>): string[] {
  const raised = new Set<string>();
  for (const text of files.values()) {
    const doc = JSON.parse(text) as { flags?: Record<string, unknown> };
    for (const f of ["stale", "partial", "missing"]) if (doc.flags?.[f] === true) raised.add(f);
  }
  return [...raised].sort();
}

export async function run(): Promise<void> {
  try {
    const dataDir = core.getInput("data-dir") || "data";
    const aceNow = core.getInput("ace-now") || process.env.ACE_NOW || undefined;
    const engine = core.getInput("engine") || "duckdb";
    if (!isEngineName(engine)) throw new Error(`input engine "${engine}": expected one of ${ENGINES.join(", ")}`);
    const result = await aggregate(dataDir, { aceNow, engine });
    const written = writeAggregated(dataDir, result.files);
    const flags = inputFlags(result.files);
    if (flags.length) core.warning(`aggregates computed from ${flags.join(", ")} inputs (the site shows this)`);
    core.setOutput("as-of", result.asOf);
    core.setOutput("files", written.join(","));
    core.setOutput("flags", flags.join(","));
    core.info(`wrote ${written.length} files as of ${result.asOf}`);
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
