/** Runs `scripts/build-site.ts` in a child Node process (the same way `npm run build` does) for tests and the bench. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "#core/schema.ts";

export interface BuildResult {
  readonly status: number | null;
  readonly output: string;
  readonly ms: number;
}

/** Asynchronous on purpose: a loopback server in the calling process (SITE_DATA_URL tests) must keep serving. */
export function runBuild(dataDir: string, outDir: string, env: Record<string, string> = {}): Promise<BuildResult> {
  const t = performance.now();
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, "scripts", "build-site.ts"), "--data-dir", dataDir, "--out", outDir],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, SITE_DATA_URL: "", SITE_WORKER_URL: "", SITE_PATH_PREFIX: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 180_000,
    },
  );
  let output = "";
  child.stdout.on("data", (b: Buffer) => {
    output += b.toString();
  });
  child.stderr.on("data", (b: Buffer) => {
    output += b.toString();
  });
  return new Promise((ok, fail) => {
    child.on("error", fail);
    child.on("close", (status) => ok({ status, output, ms: performance.now() - t }));
  });
}
