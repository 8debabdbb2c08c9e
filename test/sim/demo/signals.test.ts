/**
 * The demo stops every child on a closed terminal (SIGHUP) as on Ctrl-C and `kill` (SIGTERM: demo.test.ts): caught
 * while its sync child runs, it stops that child, removes its scratch copy and exits 0, leaving no process behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";

let demo: ChildProcess | undefined;
afterAll(() => {
  if (demo && demo.exitCode === null) demo.kill("SIGKILL");
});

/** The pids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // the field after the parenthesised command name: state, then ppid
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // the process ended while being read
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it.skipIf(process.platform !== "linux")(
  "SIGHUP during the sync stops the sync child and everything else",
  async () => {
    const p = spawn(process.execPath, [join(REPO_ROOT, "sim/demo/index.ts"), "--people", "300", "--fresh"], {
      env: { ...process.env, KUSTO_PARTITION_MONTHS: "24" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    demo = p;
    const exited = new Promise<number | null>((r) => p.once("exit", (code) => r(code)));
    let out = "";
    let err = "";
    p.stderr?.on("data", (c: Buffer) => {
      err += c.toString();
    });
    await new Promise<void>((resolve, reject) => {
      p.stdout?.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("▶ sync")) resolve();
      });
      p.once("exit", (code) => reject(new Error(`demo exited ${code} before its sync:\n${out}\n${err}`)));
    });
    const scratch = /data in (\S+)\/data /.exec(out)?.[1] ?? "";
    expect(existsSync(scratch)).toBe(true);
    // the sync child, the demo's only child process then (spawned a moment after the line)
    const children = await vi.waitFor(
      () => {
        const c = childrenOf(p.pid ?? -1);
        expect(c.length).toBeGreaterThan(0);
        return c;
      },
      { timeout: 30_000, interval: 20 },
    );

    p.kill("SIGHUP");
    expect(await exited, err).toBe(0);
    expect(existsSync(scratch)).toBe(false);
    expect(children.filter(alive)).toEqual([]);
  },
  180_000,
);
