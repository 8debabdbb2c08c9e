/**
 * `npm run dev:worker [-- --port N --data-dir DIR]`: builds the worker's assets (per-person index, fallback metrics),
 * then runs `wrangler dev --local --ip 127.0.0.1` on a free port, configured from the environment `npm run sim`
 * prints (KUSTO_CSE_URL, KUSTO_CSE_DATABASE, KUSTO_GH_URL, KUSTO_GH_DATABASE, API_TOKEN, ACE_NOW, plus
 * WORKER_CORS_ORIGIN and KUSTO_TIMEOUT_MS when set), and prints `Worker: http://127.0.0.1:PORT/` once it answers.
 * Values travel through a private temporary env file, never on the command line.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATA_DIR_OPTION, dataDir, parseCli } from "#core/args.ts";
import { now as clockNow } from "#core/clock.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { buildWorkerAssets, DEFAULT_OUT } from "../worker/build/assets.ts";

export const WORKER_ENV_NAMES = [
  "KUSTO_CSE_URL",
  "KUSTO_CSE_DATABASE",
  "KUSTO_GH_URL",
  "KUSTO_GH_DATABASE",
  "API_TOKEN",
  "ACE_NOW",
  "WORKER_CORS_ORIGIN",
  "WORKER_SITE_URL",
  "KUSTO_TIMEOUT_MS",
  "AZURE_TENANT_ID",
  "AZURE_CLIENT_ID",
  "AZURE_CLIENT_SECRET",
  "GITHUB_API_URL",
  "GITHUB_WEB_URL",
  "GITHUB_OAUTH_CLIENT_ID",
  "GITHUB_OAUTH_CLIENT_SECRET",
  "SESSION_KEY",
  "ACCESS_TEAM_DOMAIN",
  "ACCESS_AUD",
] as const;

export interface DevWorker {
  readonly url: string;
  readonly child: ChildProcess;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}api/health`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer within ${deadlineMs} ms`);
}

/** Starts wrangler dev with `vars` (missing names are left to wrangler.jsonc); resolves once /api/health answers. */
export async function startDevWorker(
  vars: Readonly<Record<string, string | undefined>>,
  opts: { port?: number; quiet?: boolean; config?: string } = {},
): Promise<DevWorker> {
  const port = opts.port ?? (await freePort());
  const inspector = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "ace-dev-worker-"));
  const envFile = join(dir, "worker.env");
  const lines = WORKER_ENV_NAMES.flatMap((n) => (vars[n] === undefined ? [] : [`${n}=${JSON.stringify(vars[n])}`]));
  writeFileSync(envFile, `${lines.join("\n")}\n`, { mode: 0o600 });
  chmodSync(envFile, 0o600);
  const args = ["dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector)];
  args.push(
    "-c",
    opts.config ?? join(REPO_ROOT, "worker", "wrangler.jsonc"),
    "--env-file",
    envFile,
    "--persist-to",
    join(dir, "state"),
  );
  args.push("--show-interactive-dev-session=false", "--log-level", opts.quiet === true ? "error" : "warn");
  // wrangler's entry under this very Node (24), whatever `node` is first on PATH
  const child = spawn(process.execPath, [join(REPO_ROOT, "node_modules", "wrangler", "bin", "wrangler.js"), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: ["ignore", opts.quiet === true ? "ignore" : "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}/`;
  const close = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, 90_000);
  } catch (e) {
    await close();
    throw e;
  }
  return { url, child, close };
}

const USAGE = `usage: npm run dev:worker -- [--port N] [--data-dir DIR]
  --port N          the port of wrangler dev on 127.0.0.1 (default: a free one)
  --data-dir DIR    the data directory the worker's assets are built from (default: data/)
  -h, --help        print this help and exit
Environment: the lines \`npm run sim\` prints (KUSTO_CSE_URL, KUSTO_GH_URL, API_TOKEN, ...).
`;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: { port: { type: "string" }, ...DATA_DIR_OPTION },
  });
  const built = await buildWorkerAssets(dataDir(values), DEFAULT_OUT, clockNow());
  console.error(`worker assets: ${built.people} people in ${built.shards} index shards, fallback metrics`);
  const missing = ["KUSTO_CSE_URL", "KUSTO_GH_URL", "API_TOKEN"].filter((n) => !process.env[n]);
  if (missing.length > 0)
    console.error(`note: ${missing.join(", ")} not set (run \`npm run sim\` and export its lines)`);
  const portArg = values.port;
  const vars: Record<string, string | undefined> = Object.fromEntries(WORKER_ENV_NAMES.map((n) => [n, process.env[n]]));
  // no simulator configured: never reach for the real clusters from a dev machine (the worker falls back at once)
  vars.KUSTO_CSE_URL ??= "";
  vars.KUSTO_GH_URL ??= "";
  const worker = await startDevWorker(vars, portArg === undefined ? {} : { port: Number(portArg) });
  console.log(`Worker: ${worker.url}`);
  const stop = (): void => {
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  worker.child.once("exit", (code) => process.exit(code ?? 1));
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
