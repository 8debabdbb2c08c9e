/**
 * The worker deploy cannot rot: `npm run build:worker` (what deploy.yml runs before `wrangler deploy`) builds the
 * Static Assets from the committed data/, and the pinned wrangler bundles the worker against them with
 * `wrangler deploy --dry-run --outdir` — offline (no metrics, no cf fetch, no token). Without the build the dry run
 * fails, naming the missing directory. The assets are built into a temporary directory and handed over with `--assets`
 * because the worker tests' global setup rewrites worker/generated/assets at the same time; that the config's own
 * `assets.directory` is the build's default output is checked separately (wrangler's own config reader).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { DEFAULT_OUT } from "../../worker/build/assets.ts";

const CONFIG = join(REPO_ROOT, "worker", "wrangler.jsonc");
const WRANGLER = join(REPO_ROOT, "node_modules", ".bin", "wrangler");

interface Ran {
  readonly code: number | null;
  readonly output: string;
}

function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Ran> {
  return new Promise((done, fail) => {
    const p = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    p.stdout.on("data", (c: Buffer) => {
      output += c.toString();
    });
    p.stderr.on("data", (c: Buffer) => {
      output += c.toString();
    });
    const timer = setTimeout(() => p.kill("SIGKILL"), timeoutMs);
    p.on("error", fail);
    p.on("close", (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(dir, f)).isFile());
}

let tmp: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "ace-deploy-"));
  // offline and credential-free, as on a developer machine: a dry run needs neither
  const { CLOUDFLARE_API_TOKEN: _t, CLOUDFLARE_ACCOUNT_ID: _a, ...rest } = process.env;
  env = {
    ...rest,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_LOG_PATH: join(tmp, "logs"),
    // the banner asks the npm registry for a newer wrangler: no banner, no request
    WRANGLER_HIDE_BANNER: "true",
    ACE_NOW: "2026-11-24T02:00:00Z",
    NO_COLOR: "1",
  };
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function dryRun(assets: string, outdir: string): Promise<Ran> {
  const args = ["deploy", "--dry-run", "--outdir", outdir, "--config", CONFIG, "--assets", assets];
  return run(WRANGLER, args, env, 120_000);
}

describe("worker deploy (dry run)", () => {
  it("the config's assets.directory is what `npm run build:worker` writes", async () => {
    const { unstable_readConfig } = await import("wrangler");
    const config = unstable_readConfig({ config: CONFIG });
    expect(config.assets?.directory).toBeTypeOf("string");
    expect(resolve(dirname(CONFIG), config.assets?.directory ?? "")).toBe(DEFAULT_OUT);
    expect(config.assets?.binding).toBe("ASSETS");
  });

  it("builds the assets with `npm run build:worker`, then bundles the worker with them", async () => {
    const assets = join(tmp, "assets");
    const build = await run("npm", ["run", "--silent", "build:worker", "--", "--out", assets], env, 120_000);
    expect(build.code, build.output).toBe(0);
    expect(build.output).toMatch(/worker index: \d+ people with a login, \d+ exams, \d+ shards/);
    const built = files(assets);
    expect(built).toContain("sync_status.json");
    expect(built.some((f) => f.startsWith(join("_private", "exams")))).toBe(true);
    expect(built.some((f) => f.startsWith("metrics"))).toBe(true);
    expect(built.filter((f) => f.endsWith(".csv"))).toEqual([]);

    const outdir = join(tmp, "bundle");
    const dry = await dryRun(assets, outdir);
    expect(dry.code, dry.output).toBe(0);
    // wrangler counts every entry it reads, directories included
    const entries = readdirSync(assets, { recursive: true }).length;
    expect(dry.output).toContain(`Read ${entries} files from the assets directory ${assets}`);
    expect(dry.output).toContain("env.ASSETS");
    expect(dry.output).toContain("--dry-run: exiting now.");
    const bundle = join(outdir, "index.js");
    expect(existsSync(bundle)).toBe(true);
    const code = readFileSync(bundle, "utf8");
    expect(code).toContain("/api/metrics/sync-status");
    // the worker's queries ship as Text modules beside the bundle (the "Text" rule of wrangler.jsonc)
    expect(readdirSync(outdir).filter((f) => f.endsWith(".kql")).length).toBeGreaterThan(0);
  });

  it("fails without the asset build, naming the missing directory", async () => {
    const missing = join(tmp, "never-built");
    const dry = await dryRun(missing, join(tmp, "bundle-missing"));
    expect(dry.code).not.toBe(0);
    expect(dry.output).toContain("does not exist");
    expect(dry.output).toContain(missing);
    expect(existsSync(join(tmp, "bundle-missing", "index.js"))).toBe(false);
  });
});
