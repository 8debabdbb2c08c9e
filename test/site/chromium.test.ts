// The browser every test, screenshot and Lighthouse run uses: Chromium from the @sparticuz/chromium devDependency,
// extracted race-safe (two processes at once, over a lock left by a killed process), and a browser that cannot start
// makes `npm run screenshots` fail at once with the path it tried instead of hanging.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { CHROMIUM_FLAGS } from "../harness/site/browser.ts";
import { extractedPath } from "../harness/site/chromium.ts";

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function node(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  const t = performance.now();
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    p.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => p.kill("SIGKILL"), 120_000);
    p.on("error", fail);
    p.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: performance.now() - t });
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("Chromium from @sparticuz/chromium", () => {
  it("two processes extracting at once, over a stale lock, both get the one complete binary", async () => {
    const root = mkdtempSync(join(tmpdir(), "ace-chromium-test-"));
    dirs.push(root);
    const exe = extractedPath(root);
    // a lock left behind by a killed extraction (older than the stale limit) must not block anyone
    const lock = `${dirname(exe)}.lock`;
    mkdirSync(lock);
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock, old, old);

    const script = join(REPO_ROOT, "test", "harness", "site", "chromium.ts");
    const driver = `const m = await import(${JSON.stringify(script)}); console.log(await m.extractChromium(process.argv[1]));`;
    const runs = await Promise.all([0, 1].map(() => node(["--input-type=module", "-e", driver, root])));
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(exe);
    }
    // nothing half-written or locked is left beside the binary
    expect(readdirSync(root)).toEqual([basename(dirname(exe))]);

    const browser = await chromium.launch({ executablePath: exe, args: [...CHROMIUM_FLAGS], timeout: 30_000 });
    try {
      const page = await browser.newPage();
      await page.setContent("<h1>complete</h1>");
      expect(await page.textContent("h1")).toBe("complete");
    } finally {
      await browser.close();
    }
  });

  it("`npm run screenshots` exits 1 at once, naming the path, when the browser cannot start", async () => {
    const out = mkdtempSync(join(tmpdir(), "ace-shots-test-"));
    dirs.push(out);
    const script = join(REPO_ROOT, "test", "harness", "site", "screenshots.ts");
    const notABrowser = await node([script, "--out", out], { ...process.env, CHROMIUM_PATH: "/bin/false" });
    expect(notABrowser.code).toBe(1);
    expect(notABrowser.stderr).toContain("could not launch Chromium at /bin/false (from CHROMIUM_PATH)");
    expect(notABrowser.ms).toBeLessThan(60_000);

    const missing = join(out, "no-such-chromium");
    const absent = await node([script, "--out", out], { ...process.env, CHROMIUM_PATH: missing });
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain(`CHROMIUM_PATH=${missing} does not exist`);
    expect(readdirSync(out)).toEqual([]);
  });
});
