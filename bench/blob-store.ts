/**
 * File versions into a repository the way nightly pushes store them: each new version of a path as a delta against
 * that path's previous version. `git fast-import` deltas a blob against the blob it stored just before it, so every
 * path gets its own fast-import process (its own object directory, so it never dedups a seed away); at most
 * `maxOpen` run at once, the least recently used is closed (its pack moved into the repository; `fastimport.unpackLimit=0` keeps even a one-blob pack a pack) and, when its path
 * changes again, a new process is seeded with the previous version first. Chains are cut at fast-import's `--depth`
 * (50, pack-objects' default). The blobs' ids are computed here (SHA-1 of `blob <len>\0<bytes>`), so the commits can
 * be streamed afterwards by a fast-import that only names them (`commitAll`).
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

export function blobId(buf: Buffer): string {
  return createHash("sha1").update(`blob ${buf.length}\0`).update(buf).digest("hex");
}

interface Importer {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly dir: string;
  readonly done: Promise<number | null>;
  readonly stderr: string[];
}

export class BlobStore {
  readonly #repo: string;
  readonly #maxOpen: number;
  readonly #depth: number;
  /** path → its open importer, in least-recently-used order (Map keeps insertion order) */
  readonly #open = new Map<string, Importer>();
  /** path → its current version (the seed of a new importer) */
  readonly #current = new Map<string, Buffer>();
  #n = 0;
  /** whole blobs written again to seed a new importer */
  seeds = 0;

  readonly #tag: string;

  constructor(repo: string, opts: { maxOpen?: number; depth?: number; tag?: string } = {}) {
    this.#repo = repo;
    this.#tag = opts.tag ?? "s";
    this.#maxOpen = opts.maxOpen ?? 64;
    this.#depth = opts.depth ?? 50;
  }

  #spawn(): Importer {
    const dir = join(this.#repo, ".git", "blob-import", `${this.#tag}-${this.#n++}`);
    mkdirSync(join(dir, "pack"), { recursive: true });
    const proc = spawn("git", ["-c", "fastimport.unpackLimit=0", "fast-import", "--quiet", `--depth=${this.#depth}`], {
      cwd: this.#repo,
      env: { ...process.env, GIT_OBJECT_DIRECTORY: dir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stderr: string[] = [];
    proc.stderr.on("data", (d: Buffer) => stderr.push(d.toString()));
    proc.stdout.resume();
    const done = new Promise<number | null>((r) => proc.once("close", r));
    return { proc, dir, done, stderr };
  }

  static async #write(imp: Importer, chunks: readonly (string | Buffer)[]): Promise<void> {
    for (const c of chunks)
      if (!imp.proc.stdin.write(c)) await new Promise<void>((r) => imp.proc.stdin.once("drain", () => r()));
  }

  static #blob(buf: Buffer): (string | Buffer)[] {
    return [`blob\ndata ${buf.length}\n`, buf, "\n"];
  }

  async #close(path: string): Promise<void> {
    const imp = this.#open.get(path);
    if (imp === undefined) return;
    this.#open.delete(path);
    imp.proc.stdin.end();
    if ((await imp.done) !== 0) throw new Error(`git fast-import (blobs of ${path}) failed: ${imp.stderr.join("")}`);
    const pack = join(imp.dir, "pack");
    const into = join(this.#repo, ".git", "objects", "pack");
    for (const f of readdirSync(pack)) if (/\.(pack|idx)$/.test(f)) renameSync(join(pack, f), join(into, f));
    rmSync(imp.dir, { recursive: true, force: true });
  }

  /** Stores a new version of `path`; returns its blob id. */
  async put(path: string, buf: Buffer): Promise<string> {
    let imp = this.#open.get(path);
    if (imp === undefined) {
      while (this.#open.size >= this.#maxOpen) {
        const oldest = this.#open.keys().next().value;
        if (oldest === undefined) break;
        await this.#close(oldest);
      }
      imp = this.#spawn();
      const prev = this.#current.get(path);
      if (prev !== undefined) {
        this.seeds++;
        await BlobStore.#write(imp, BlobStore.#blob(prev));
      }
    } else this.#open.delete(path);
    this.#open.set(path, imp);
    this.#current.set(path, buf);
    await BlobStore.#write(imp, BlobStore.#blob(buf));
    return blobId(buf);
  }

  delete(path: string): void {
    this.#current.delete(path);
  }

  /** Ends every importer; their packs are in the repository afterwards. */
  async close(): Promise<void> {
    for (const path of [...this.#open.keys()]) await this.#close(path);
  }
}
