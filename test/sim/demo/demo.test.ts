/**
 * `npm run demo` headless, end to end: a small world from empty data (`--people 300 --fresh`), the site and every
 * worker endpoint answer, SIGTERM stops everything and removes the scratch directory.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";

let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

function waitFor(p: ChildProcess, pattern: RegExp, out: { text: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      out.text += c.toString();
      if (pattern.test(out.text)) resolve();
    };
    p.stdout?.on("data", onData);
    p.once("exit", (code) => reject(new Error(`demo exited ${code} before ready:\n${out.text}`)));
  });
}

it("starts, serves the site and the worker, and stops cleanly", { timeout: 300_000 }, async () => {
  const p = spawn(process.execPath, [join(REPO_ROOT, "sim/demo/index.ts"), "--people", "300", "--fresh"], {
    env: { ...process.env, KUSTO_PARTITION_MONTHS: "24" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = p;
  let stderr = "";
  p.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const out = { text: "" };
  await waitFor(p, /ready in /, out).catch((e: unknown) => Promise.reject(new Error(`${String(e)}\n${stderr}`)));
  const site = /^Site: (\S+)$/m.exec(out.text)?.[1] ?? "";
  const worker = /^Worker: (\S+)$/m.exec(out.text)?.[1] ?? "";
  const scratch = /data in (\S+)\/data /.exec(out.text)?.[1] ?? "";
  expect(existsSync(scratch)).toBe(true);
  expect(out.text).toMatch(/individual_exams\s+ok\s+\d+/);

  const page = await fetch(site);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("<html");
  const curls = [...out.text.matchAll(/^ {2}curl -s (?:-H 'Authorization: Bearer (\S+)' )?(\S+)$/gm)];
  expect(curls).toHaveLength(3);
  for (const [, token, url] of curls) {
    expect(url?.startsWith(worker)).toBe(true);
    const res = await fetch(url ?? "", token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect(res.status, url).toBe(200);
    expect(await res.json()).toBeTypeOf("object");
  }

  const exited = new Promise<number | null>((r) => p.once("exit", (code) => r(code)));
  p.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(existsSync(scratch)).toBe(false);
  await expect(fetch(site)).rejects.toThrow();
  await expect(fetch(`${worker}api/health`)).rejects.toThrow();
});
