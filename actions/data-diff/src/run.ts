/** Shared entry of the CLI and the action: picks the two sides and runs the diff. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { DiffReport } from "./model.ts";
import { type DiffOptions, diffSources } from "./report.ts";
import { dirSource, gitLocation, gitSource, resolveBase } from "./source.ts";

export interface RunDiffOptions extends DiffOptions {
  /** the working data directory (head side) */
  readonly dataDir: string;
  /** git ref of the base (default origin/main, falling back to main, then HEAD) */
  readonly base?: string;
  /** a directory to compare against instead of a git ref */
  readonly against?: string;
}

export async function runDiff(o: RunDiffOptions): Promise<{ report: DiffReport; note: string | null }> {
  const dataDir = resolve(o.dataDir);
  if (!existsSync(dataDir)) throw new Error(`data directory ${dataDir} does not exist`);
  const head = dirSource(dataDir);
  if (o.against !== undefined) {
    const dir = resolve(o.against);
    if (!existsSync(dir)) throw new Error(`directory to compare against ${dir} does not exist`);
    return { report: await diffSources(dirSource(dir), head, o), note: null };
  }
  const loc = gitLocation(dataDir);
  if (!loc) throw new Error(`${dataDir} is not inside a git work tree; pass --against DIR to compare two directories`);
  const { ref, note } = resolveBase(loc.root, o.base);
  return { report: await diffSources(gitSource(loc.root, loc.prefix, ref), head, o), note };
}

/** Names of datasets that differ, and whether the sync refused or failed any dataset. */
export function outcome(report: DiffReport): { changed: string[]; problems: string[] } {
  return {
    changed: report.datasets.filter((d) => d.state !== "unchanged").map((d) => d.name),
    problems: report.status.filter((s) => s.status === "refused" || s.status === "failed").map((s) => s.dataset),
  };
}
