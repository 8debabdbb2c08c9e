/**
 * One sync at a time per data directory: an O_EXCL lock file `<dataDir>/.sync.lock` holding the owner's pid and
 * host and start time. A second sync refuses (it never waits silently). A stale lock is taken over: its pid is gone (a
 * crashed or killed run), it was written on another host (a lock that travelled in a commit or a copied work tree:
 * that pid means nothing here), or it is older than MAX_LOCK_AGE_MS (no sync runs that long; the pid was reused).
 * The lock file is git-ignored (`data/.sync.lock` in .gitignore), so a killed sync's lock is never committed.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export const LOCK_FILE = ".sync.lock";
/** Older than this, a lock is stale whatever its pid (the sync workflows time out far sooner). */
export const MAX_LOCK_AGE_MS = 12 * 60 * 60 * 1000;

export interface SyncLock {
  readonly path: string;
  release(): void;
}

export class LockHeldError extends Error {
  readonly holder: string;
  constructor(path: string, holder: string) {
    super(`another sync holds ${path} (${holder}); refusing to run two syncs on one data directory at once`);
    this.name = "LockHeldError";
    this.holder = holder;
  }
}

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, "wx", 0o644);
    try {
      const owner = { pid: process.pid, host: hostname(), started_at: new Date().toISOString() };
      writeSync(fd, `${JSON.stringify(owner)}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/** Takes the data directory's sync lock or throws LockHeldError naming the live holder. */
export function acquireSyncLock(dataDir: string): SyncLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path)) {
      return { path, release: () => rmSync(path, { force: true }) };
    }
    let holder = "unreadable lock";
    let pid = 0;
    let foreign = false;
    let expired = false;
    try {
      const text = readFileSync(path, "utf8");
      const parsed = JSON.parse(text) as { pid?: unknown; host?: unknown; started_at?: unknown };
      pid = typeof parsed.pid === "number" ? parsed.pid : 0;
      holder = `pid ${pid} since ${String(parsed.started_at)}`;
      foreign = typeof parsed.host === "string" && parsed.host !== hostname();
      const since = typeof parsed.started_at === "string" ? Date.parse(parsed.started_at) : Number.NaN;
      expired = Number.isFinite(since) && Date.now() - since > MAX_LOCK_AGE_MS;
    } catch {
      // a lock being written this instant reads as empty: treat its holder as alive
      throw new LockHeldError(path, holder);
    }
    if (!foreign && !expired && alive(pid)) throw new LockHeldError(path, holder);
    rmSync(path, { force: true }); // stale: its sync died without releasing
  }
  throw new LockHeldError(path, "lost the race for a stale lock");
}
