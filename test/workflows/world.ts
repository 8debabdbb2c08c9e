/**
 * The rehearsal's world: a bare git remote holding a snapshot of this work tree (tracked and new, non-ignored files:
 * the workflows, the actions' committed dist/, data/ …) standing in for the GitHub repository, the loopback Kusto and
 * GitHub simulators at scale S, and the machine environment of a runner pointed at them.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "#core/schema.ts";
import { type SimulatorOptions, type Simulators, startSimulators } from "../../sim/start.ts";
import type { Machine, RunOptions } from "./runner.ts";

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=rehearsal", "-c", "user.email=rehearsal@example.invalid", ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A scratch folder for one test file; `cleanup()` removes it. */
export function scratch(tag: string): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), `ace-rehearsal-${tag}-`));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A bare remote whose `main` is a snapshot of this work tree (what CI would have checked out). */
export function seedRemote(root: string): string {
  const seed = join(root, "seed");
  mkdirSync(seed, { recursive: true });
  const files = git(REPO_ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0");
  for (const f of files.filter(Boolean)) {
    const from = join(REPO_ROOT, f);
    if (!existsSync(from)) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(seed, f)), { recursive: true });
    copyFileSync(from, join(seed, f));
  }
  // while developing: bundles built elsewhere (`npm run build:actions -- --out DIR`) instead of the committed dist/
  const dist = process.env.REHEARSAL_DIST;
  if (dist) {
    for (const name of readdirSync(dist).filter((n) => existsSync(join(dist, n, "index.js"))))
      copyFileSync(join(dist, name, "index.js"), join(seed, "actions", name, "dist", "index.js"));
  }
  git(seed, "init", "-q", "-b", "main");
  git(seed, "add", "-A");
  git(seed, "commit", "-q", "-m", "snapshot of the work tree");
  const bare = join(root, "remote.git");
  git(root, "clone", "-q", "--bare", seed, bare);
  rmSync(seed, { recursive: true, force: true });
  return bare;
}

/** A fresh copy of a remote (hard links: fast), so scenarios never share a data-sync branch. */
export function copyRemote(remote: string, to: string): string {
  git(dirname(to), "clone", "-q", "--bare", remote, to);
  return to;
}

export function nodeBin(): string {
  const pinned = join(REPO_ROOT, "node_modules", "node", "bin");
  return existsSync(join(pinned, "node")) ? pinned : dirname(process.execPath);
}

/** The runner's machine: system PATH (no project node_modules, so no Node 24 until setup-node), the simulators. */
export function machine(root: string, remote: string, sims: Simulators): Machine {
  const path = (process.env.PATH ?? "")
    .split(":")
    .filter((p) => p && !p.includes("node_modules"))
    .join(":");
  return {
    env: {
      PATH: path,
      HOME: process.env.HOME ?? root,
      LANG: "C.UTF-8",
      ACE_NOW: sims.env.ACE_NOW ?? "",
      ACE_GITHUB_TIMING: "fast",
      KUSTO_PARTITION_MONTHS: "24",
      GIT_TERMINAL_PROMPT: "0",
      // an offline machine: wrangler sends no metrics, fetches nothing, asks the registry for no update banner
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_HIDE_BANNER: "true",
      WRANGLER_LOG_PATH: join(root, "wrangler-logs"),
      NO_COLOR: "1",
    },
    remote,
    root,
    nodeBin: nodeBin(),
    nodeModules: join(REPO_ROOT, "node_modules"),
  };
}

/** Repository variables and secrets of a configured repository, pointed at the simulators. */
export function settings(sims: Simulators): Pick<RunOptions, "vars" | "secrets" | "token" | "apiUrl"> {
  const e = sims.env;
  return {
    vars: {
      KUSTO_CSE_URL: e.KUSTO_CSE_URL ?? "",
      KUSTO_CSE_DATABASE: e.KUSTO_CSE_DATABASE ?? "",
      KUSTO_GH_URL: e.KUSTO_GH_URL ?? "",
      KUSTO_GH_DATABASE: e.KUSTO_GH_DATABASE ?? "",
      AZURE_CLIENT_ID: "00000000-0000-0000-0000-00000000c11e",
      AZURE_TENANT_ID: "00000000-0000-0000-0000-000000007e7",
      COPILOT_ORG: e.GITHUB_ORG ?? "",
      DATA_PR_AUTO_MERGE: "true",
      // the published site the deploy reads the last run record from: a loopback port nobody listens on
      WORKER_SITE_URL: "http://127.0.0.1:9/",
    },
    secrets: { COPILOT_TOKEN: e.COPILOT_TOKEN ?? "", PSEUDONYM_KEY: e.PSEUDONYM_KEY ?? "" },
    token: e.GITHUB_TOKEN ?? "",
    apiUrl: e.GITHUB_API_URL ?? "",
  };
}

export async function simulators(now: string, opts: SimulatorOptions = {}): Promise<Simulators> {
  for (const v of ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"]) delete process.env[v];
  return startSimulators({ ...opts, now });
}
