/** Runs `scripts/build-site.ts` in a child Node process (the same way `npm run build` does) for tests and the bench. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../actions/shared/schema.ts";

export interface BuildResult {
  readonly status: number | null;
  readonly output: string;
  readonly ms: number;
}

export function runBuild(dataDir: string, outDir: string, env: Record<string, string> = {}): BuildResult {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(REPO_ROOT, "scripts", "build-site.ts"), "--data-dir", dataDir, "--out", outDir],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, SITE_DATA_URL: "", SITE_WORKER_URL: "", SITE_PATH_PREFIX: "", ...env },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}`, ms: performance.now() - t };
}
