/** Committed sync state files (`data/state/…`), each written atomically (temp file + rename). */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { crashPoint } from "#core/crash.ts";
import { tempPathFor } from "#core/files.ts";

export function writeStateFiles(dataDir: string, files: ReadonlyMap<string, string>): void {
  for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const clean = normalize(rel);
    if (clean.startsWith("..") || clean.startsWith("/")) throw new Error(`state file ${rel} is outside the data dir`);
    const path = join(dataDir, clean);
    let old: string | undefined;
    try {
      old = readFileSync(path, "utf8");
    } catch {
      old = undefined;
    }
    if (old === content) continue;
    mkdirSync(dirname(path), { recursive: true });
    const tmp = tempPathFor(path);
    writeFileSync(tmp, content, { flush: true });
    crashPoint("state-rename");
    renameSync(tmp, path);
  }
}

/** Writes a JSON file atomically (used for sync-run.json). */
export function writeJsonAtomic(path: string, value: unknown, phase: string): void {
  const tmp = tempPathFor(path);
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { flush: true });
  crashPoint(phase);
  renameSync(tmp, path);
}
