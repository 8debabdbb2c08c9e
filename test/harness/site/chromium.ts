/**
 * The Chromium every browser use of this project runs (browser tests, screenshots, the site bench, Lighthouse): the
 * headless-shell binary shipped inside the pinned `@sparticuz/chromium` devDependency, so `npm ci` then `npm test`
 * need no apt step and never download a browser. `CHROMIUM_PATH` overrides it explicitly (there is no other fallback).
 *
 * The package's own `executablePath()` is not used: it returns `/tmp/chromium` as soon as that path exists, even while
 * another process is still writing it (two vitest workers) or after an interrupted extraction. Here the binary is
 * decompressed into a staging directory and renamed into place, so a complete `ace-chromium-<version>/` is the only
 * thing a reader can see; a lock directory keeps concurrent processes from decompressing it twice.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
import { createBrotliDecompress } from "node:zlib";

/** A lock older than this is left over from a killed process (decompressing takes ~3 s). */
const STALE_LOCK_MS = 120_000;
/** How long a process waits for another one's extraction before giving up. */
const WAIT_MS = 180_000;

interface Package {
  readonly binDir: string;
  readonly version: string;
}

function sparticuz(): Package {
  // the package's "." export resolves to build/index.js; the compressed binaries live beside it in bin/
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  const root = dirname(dirname(entry));
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: unknown };
  if (typeof pkg.version !== "string") throw new Error(`${root}/package.json has no version`);
  return { binDir: join(root, "bin"), version: pkg.version };
}

/** Where the binary of the installed package version is (or will be) extracted. */
export function extractedPath(root = tmpdir()): string {
  return join(root, `ace-chromium-${sparticuz().version}`, "chromium");
}

async function extract(source: string, dir: string): Promise<void> {
  const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await pipeline(
      createReadStream(source),
      createBrotliDecompress({ chunkSize: 2 ** 21 }),
      createWriteStream(join(staging, "chromium"), { mode: 0o755 }),
    );
    await rename(staging, dir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    // another process may have renamed its complete copy into place first: that one is as good as ours
    if (existsSync(join(dir, "chromium"))) return;
    throw err;
  }
}

async function lockIsStale(lock: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lock)).mtimeMs > STALE_LOCK_MS;
  } catch {
    return true; // released meanwhile
  }
}

/** Decompresses the package's chromium.br once per version, race-safe across processes; returns the binary's path. */
export async function extractChromium(root = tmpdir()): Promise<string> {
  const { binDir, version } = sparticuz();
  const dir = join(root, `ace-chromium-${version}`);
  const exe = join(dir, "chromium");
  const source = join(binDir, "chromium.br");
  if (!existsSync(source)) {
    throw new Error(`${source} is missing: reinstall with \`npm ci\` (@sparticuz/chromium ships the browser)`);
  }
  const lock = `${dir}.lock`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (existsSync(exe)) return exe;
    try {
      await mkdir(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (await lockIsStale(lock)) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock} (another extraction of ${exe})`);
      else await delay(100);
      continue;
    }
    try {
      await writeFile(join(lock, "pid"), `${process.pid}\n`);
      if (!existsSync(exe)) await extract(source, dir);
      return exe;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

let resolved: Promise<string> | undefined;

/** The browser binary: `CHROMIUM_PATH` when set, else the one extracted from `@sparticuz/chromium`. */
export function chromiumPath(): Promise<string> {
  const override = process.env.CHROMIUM_PATH;
  if (override !== undefined && override !== "") {
    return existsSync(override)
      ? Promise.resolve(override)
      : Promise.reject(new Error(`CHROMIUM_PATH=${override} does not exist`));
  }
  resolved ??= extractChromium().catch((err: unknown) => {
    resolved = undefined; // a later call may try again
    throw err;
  });
  return resolved;
}
