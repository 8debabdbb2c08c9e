import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { acquireSyncLock, LOCK_FILE, LockHeldError } from "#core/lock.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), "ace-lock-"));
  dirs.push(d);
  return d;
};

it("lets one sync hold a data dir; a second refuses naming the holder; release frees it", () => {
  const d = dir();
  const lock = acquireSyncLock(d);
  expect(existsSync(join(d, LOCK_FILE))).toBe(true);
  expect(() => acquireSyncLock(d)).toThrow(LockHeldError);
  expect(() => acquireSyncLock(d)).toThrow(new RegExp(`pid ${process.pid}`));
  lock.release();
  expect(existsSync(join(d, LOCK_FILE))).toBe(false);
  acquireSyncLock(d).release();
});

it("takes over the lock of a process that no longer exists", () => {
  const d = dir();
  writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 4321, started_at: "2026-01-01T00:00:00Z" }));
  const lock = acquireSyncLock(d);
  lock.release();
  expect(existsSync(join(d, LOCK_FILE))).toBe(false);
});

it("takes over a lock written on another host even when its pid exists here (a lock that travelled in a commit)", () => {
  const d = dir();
  const started = new Date().toISOString();
  writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: process.pid, host: "another-runner", started_at: started }));
  acquireSyncLock(d).release();
  expect(existsSync(join(d, LOCK_FILE))).toBe(false);
});

it("takes over a lock older than MAX_LOCK_AGE_MS whose pid was reused", () => {
  const d = dir();
  writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: process.pid, started_at: "2020-01-01T00:00:00Z" }));
  acquireSyncLock(d).release();
});
