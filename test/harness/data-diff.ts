/** Helpers for the data-diff tests: temporary data directories and git repositories. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { SCHEMA_DIR } from "#core/schema.ts";
import type { StatusEntry } from "#core/status.ts";
import { statusEntry } from "./status.ts";

const made: string[] = [];

export function tempDir(tag: string): string {
  const d = mkdtempSync(join(tmpdir(), `ace-${tag}-`));
  made.push(d);
  return d;
}

/** Removes every directory `tempDir` made (call from afterAll). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function put(dir: string, rel: string, text: string): void {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

export function csv(lines: readonly string[]): string {
  return `${lines.join("\n")}\n`;
}

/** Copies a repository schema into `dir/schema/`, optionally transformed. */
export function putSchema(dir: string, name: string, edit?: (s: { fields: { name: string }[] }) => void): void {
  const s = JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.json`), "utf8")) as { fields: { name: string }[] };
  edit?.(s);
  put(dir, `schema/${name}.json`, `${JSON.stringify(s, null, 2)}\n`);
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.invalid",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.invalid",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** A sync_status.json that records only skills_courses, as the data PR tests seed it. */
export function skillsCoursesStatus(status: StatusEntry["status"], error: string | null): string {
  const entry = statusEntry({ status, error, last_success_at: "2026-11-24T02:00:00Z" });
  return `${JSON.stringify({ version: 1, datasets: { skills_courses: entry } }, null, 2)}\n`;
}
