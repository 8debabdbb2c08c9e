/**
 * The two sides of a diff: a data directory on disk, or the data directory as committed at a git ref (read with
 * `git ls-tree` / `git show` spawned with argument arrays, streamed, never through a shell).
 */
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { LineReader, type RecordReader } from "./lines.ts";

export interface DataSource {
  /** for messages: a directory or `git:<ref>` */
  readonly label: string;
  /** every file below the data directory, as relative paths with `/` */
  files(): Promise<readonly string[]>;
  /** one file's records */
  open(rel: string): RecordReader;
  /** one small file's text, undefined when absent */
  readText(rel: string): Promise<string | undefined>;
}

function walk(dir: string, prefix: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".")) continue;
    const full = join(dir, name);
    const rel = prefix === "" ? name : `${prefix}/${name}`;
    if (statSync(full).isDirectory()) walk(full, rel, out);
    else out.push(rel);
  }
}

export function dirSource(dir: string): DataSource {
  return {
    label: dir,
    files: async () => {
      const out: string[] = [];
      if (existsSync(dir)) walk(dir, "", out);
      return out;
    },
    open: (rel) => new LineReader(createReadStream(join(dir, rel), { highWaterMark: 1 << 20 })),
    readText: async (rel) => {
      const p = join(dir, rel);
      return existsSync(p) ? readFileSync(p, "utf8") : undefined;
    },
  };
}

function git(cwd: string, args: readonly string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 256 << 20 });
  return { ok: r.status === 0, out: r.stdout ?? "", err: r.stderr ?? "" };
}

/** The git work tree containing `dir` and the path of `dir` inside it (with `/`). */
export function gitLocation(dir: string): { root: string; prefix: string } | undefined {
  if (!existsSync(dir)) return undefined;
  const r = git(dir, ["rev-parse", "--show-toplevel"]);
  if (!r.ok) return undefined;
  const root = realpathSync(r.out.trim());
  const prefix = relative(root, realpathSync(dir)).split(sep).join("/");
  return { root, prefix };
}

export function refExists(root: string, ref: string): boolean {
  return git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]).ok;
}

/**
 * Picks the base ref: the one asked for (which must exist), else `origin/main`, falling back to `main` and then `HEAD`
 * with a note saying so.
 */
export function resolveBase(root: string, asked: string | undefined): { ref: string; note: string | null } {
  if (asked !== undefined) {
    if (!refExists(root, asked)) throw new Error(`base ref "${asked}" does not exist in ${root} (try git fetch)`);
    return { ref: asked, note: null };
  }
  for (const ref of ["origin/main", "main", "HEAD"]) {
    if (refExists(root, ref)) {
      return {
        ref,
        note:
          ref === "origin/main"
            ? null
            : `origin/main not found; comparing against ${ref} instead (fetch it, or pass --base)`,
      };
    }
  }
  throw new Error(
    `no base to compare against in ${root}: no origin/main, main or HEAD commit; pass --base or --against`,
  );
}

async function* gitShow(root: string, spec: string): AsyncGenerator<Buffer> {
  const child = spawn("git", ["show", spec], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d: Buffer) => {
    if (err.length < 4000) err += d.toString("utf8");
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  let finished = false;
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await exit;
    finished = true;
    if (code !== 0) throw new Error(`git show ${spec} failed (${code}): ${err.trim()}`);
  } finally {
    if (!finished) child.kill();
  }
}

export function gitSource(root: string, prefix: string, ref: string): DataSource {
  const full = (rel: string): string => (prefix === "" ? rel : `${prefix}/${rel}`);
  let listing: Promise<readonly string[]> | undefined;
  return {
    label: `git:${ref}`,
    files: () => {
      listing ??= (async () => {
        const args = ["ls-tree", "-r", "-z", "--name-only", "--end-of-options", ref];
        const r = git(root, prefix === "" ? args : [...args, "--", prefix]);
        if (!r.ok) throw new Error(`git ls-tree ${ref} failed: ${r.err.trim()}`);
        const cut = prefix === "" ? 0 : prefix.length + 1;
        return r.out
          .split("\0")
          .filter((p) => p !== "")
          .map((p) => p.slice(cut))
          .sort();
      })();
      return listing;
    },
    open: (rel) => new LineReader(gitShow(root, `${ref}:${full(rel)}`)),
    readText: async (rel) => {
      const r = git(root, ["cat-file", "-p", "--end-of-options", `${ref}:${full(rel)}`]);
      return r.ok ? r.out : undefined;
    },
  };
}
