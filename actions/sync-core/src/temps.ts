/** Removes temporary files left by a killed run (`.<name>.<pid>.<hex>.tmp`, see core/files.ts). */
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const TEMP_RE = /^\..+\.(\d+)\.[0-9a-f]{8}\.[a-z]+$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes stale temp files in the data directory and its first-level subdirectories; returns what it removed. */
export function removeStaleTemps(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  const removed: string[] = [];
  const visit = (dir: string, depth: number) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const m = TEMP_RE.exec(name);
      if (m && !alive(Number(m[1]))) {
        rmSync(path, { force: true });
        removed.push(path);
      } else if (depth > 0 && !name.startsWith(".") && name !== "schema" && statSync(path).isDirectory()) {
        visit(path, depth - 1);
      }
    }
  };
  visit(dataDir, 1);
  return removed;
}
