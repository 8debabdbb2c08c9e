/** Git plumbing for the data branch, always spawned with argument arrays (never a shell string). */
import { spawnSync } from "node:child_process";

export interface GitResult {
  readonly ok: boolean;
  readonly status: number | null;
  readonly out: string;
  readonly err: string;
}

export const BOT_NAME = "github-actions[bot]";
export const BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com";

export class Git {
  readonly cwd: string;
  readonly log: (line: string) => void;
  constructor(cwd: string, log: (line: string) => void = () => undefined) {
    this.cwd = cwd;
    this.log = log;
  }

  /** Runs git; `-c` identity flags make commits and rebases work on runners without a configured user. */
  try(...args: string[]): GitResult {
    const r = spawnSync("git", ["-c", `user.name=${BOT_NAME}`, "-c", `user.email=${BOT_EMAIL}`, ...args], {
      cwd: this.cwd,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
    });
    return { ok: r.status === 0, status: r.status, out: (r.stdout ?? "").trim(), err: (r.stderr ?? "").trim() };
  }

  run(...args: string[]): string {
    const r = this.try(...args);
    if (!r.ok) throw new Error(`git ${args.join(" ")} failed (${r.status}): ${r.err}`);
    return r.out;
  }

  /** sha of a remote branch, or undefined when it does not exist. */
  remoteSha(remote: string, branch: string): string | undefined {
    const out = this.run("ls-remote", "--heads", remote, `refs/heads/${branch}`);
    const sha = out.split(/\s+/)[0];
    return sha === undefined || sha === "" ? undefined : sha;
  }

  revParse(ref: string): string | undefined {
    const r = this.try("rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`);
    return r.ok ? r.out : undefined;
  }
}

/** Where prepareBranch records the push lease (the remote branch's sha it saw, or "absent"). */
export function leaseKey(branch: string): string {
  return `ace-data-pr.lease-${branch.replace(/[^A-Za-z0-9-]/g, "-")}`;
}

export interface PrepareResult {
  /** where the data branch now starts: the open PR's branch rebased on the base, or the base itself */
  readonly from: "pr-branch" | "base";
  readonly note: string | null;
}

/**
 * Checks out the data branch: the open data PR's branch rebased on the base branch when there is one (so a resuming
 * sync continues from the PR's state), else the base branch. A rebase that conflicts is aborted and the branch starts
 * from the base instead, with a note.
 */
export function prepareBranch(
  git: Git,
  o: { remote: string; base: string; branch: string; hasOpenPr: boolean },
): PrepareResult {
  git.run("fetch", "--no-tags", o.remote, `+refs/heads/${o.base}:refs/remotes/${o.remote}/${o.base}`);
  const baseRef = `${o.remote}/${o.base}`;
  const remoteSha = git.remoteSha(o.remote, o.branch);
  // The push lease is what the branch was when this run started from it: a push by anyone in between is refused.
  git.run("config", "--local", leaseKey(o.branch), remoteSha ?? "absent");
  if (o.hasOpenPr && remoteSha) {
    git.run("fetch", "--no-tags", o.remote, `+refs/heads/${o.branch}:refs/remotes/${o.remote}/${o.branch}`);
    git.run("checkout", "-q", "-B", o.branch, `${o.remote}/${o.branch}`);
    const rb = git.try("rebase", "-q", baseRef);
    if (rb.ok) return { from: "pr-branch", note: null };
    git.try("rebase", "--abort");
    git.run("checkout", "-q", "-B", o.branch, baseRef);
    return { from: "base", note: `rebasing ${o.branch} on ${baseRef} conflicted; starting from ${baseRef} instead` };
  }
  git.run("checkout", "-q", "-B", o.branch, baseRef);
  return { from: "base", note: null };
}

export interface CommitResult {
  /** a new commit was made from the working tree */
  readonly committed: boolean;
  /** the branch differs from the base (so a data PR is warranted) */
  readonly differsFromBase: boolean;
  /** the remote branch was updated */
  readonly pushed: boolean;
  readonly sha: string;
}

/** Commits `paths` when they changed, and pushes the branch (with a lease) when it differs from the remote. */
export function commitAndPush(
  git: Git,
  o: { remote: string; base: string; branch: string; paths: readonly string[]; message: string },
): CommitResult {
  git.run("add", "-A", "--", ...o.paths);
  const staged = git.try("diff", "--cached", "--quiet");
  if (staged.status !== 0 && staged.status !== 1) throw new Error(`git diff --cached failed: ${staged.err}`);
  const committed = staged.status === 1;
  if (committed) git.run("commit", "-q", "--no-verify", "-m", o.message);
  const sha = git.run("rev-parse", "HEAD");
  const differs = git.try("diff", "--quiet", `${o.remote}/${o.base}`, "HEAD");
  if (differs.status !== 0 && differs.status !== 1)
    throw new Error(`git diff ${o.remote}/${o.base} failed: ${differs.err}`);
  const differsFromBase = differs.status === 1;
  const remoteSha = git.remoteSha(o.remote, o.branch);
  const recorded = git.try("config", "--local", "--get", leaseKey(o.branch));
  const lease = recorded.ok ? (recorded.out === "absent" ? "" : recorded.out) : (remoteSha ?? "");
  let pushed = false;
  if (differsFromBase && remoteSha !== sha) {
    git.run(
      "push",
      "-q",
      `--force-with-lease=refs/heads/${o.branch}:${lease}`,
      o.remote,
      `HEAD:refs/heads/${o.branch}`,
    );
    pushed = true;
  }
  return { committed, differsFromBase, pushed, sha };
}
