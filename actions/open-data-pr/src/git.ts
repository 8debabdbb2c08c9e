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

/**
 * Git configuration through the environment (GIT_CONFIG_COUNT/KEY/VALUE) that authenticates HTTPS fetches and pushes
 * to `server` with `token`, as actions/checkout would, but never written to .git/config (the workflows check out with
 * `persist-credentials: false`).
 */
export function tokenAuthEnv(server: string, token: string): Record<string, string> {
  const basic = Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: `http.${server.replace(/\/+$/, "")}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
  };
}

export class Git {
  readonly cwd: string;
  readonly log: (line: string) => void;
  readonly env: Readonly<Record<string, string>>;
  constructor(cwd: string, log: (line: string) => void = () => undefined, env: Readonly<Record<string, string>> = {}) {
    this.cwd = cwd;
    this.log = log;
    this.env = env;
  }

  /** Runs git; `-c` identity flags make commits and rebases work on runners without a configured user. */
  try(...args: string[]): GitResult {
    return this.withInput(undefined, ...args);
  }

  /** Runs git with `input` on its standard input. */
  withInput(input: string | undefined, ...args: string[]): GitResult {
    const r = spawnSync("git", ["-c", `user.name=${BOT_NAME}`, "-c", `user.email=${BOT_EMAIL}`, ...args], {
      cwd: this.cwd,
      encoding: "utf8",
      maxBuffer: 256 << 20,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...this.env },
      ...(input === undefined ? {} : { input }),
    });
    return { ok: r.status === 0, status: r.status, out: (r.stdout ?? "").trim(), err: (r.stderr ?? "").trim() };
  }

  /** Standard output untouched (a patch must keep its trailing whitespace). */
  raw(...args: string[]): string {
    const r = spawnSync("git", args, {
      cwd: this.cwd,
      encoding: "utf8",
      maxBuffer: 256 << 20,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...this.env },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed (${r.status}): ${(r.stderr ?? "").trim()}`);
    return r.stdout ?? "";
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
  /**
   * where the data branch now starts: the open PR's branch rebased on the base ("pr-branch"), the base with only the
   * PR branch's data changes applied and staged ("pr-data": the branch also changed other files, which were dropped),
   * or the base itself
   */
  readonly from: "pr-branch" | "pr-data" | "base";
  readonly note: string | null;
  /** the remote data branch's sha this run started from, or "absent" */
  readonly branchSha: string;
}

/** Whether `path` lies under one of `roots` (paths relative to the work tree, "/" separated). */
export function isUnder(path: string, roots: readonly string[]): boolean {
  return roots.some((r) => {
    const root = r.replace(/\/+$/, "");
    return root === "." || path === root || path.startsWith(`${root}/`);
  });
}

/** Files that differ between two commits outside `roots`. */
export function changedOutside(git: Git, from: string, to: string, roots: readonly string[]): string[] {
  const out = git.run("diff", "--no-renames", "--name-only", "-z", from, to);
  return out
    .split("\0")
    .filter(Boolean)
    .filter((p) => !isUnder(p, roots));
}

/**
 * Checks out the data branch. With an open data PR the run continues from that PR's data (its sync state and
 * history): the PR's branch rebased on the base when it only changes `dataPaths`; when it also changes anything else
 * (code pushed to the data branch), that branch is never checked out: the base is, with only the branch's changes
 * under `dataPaths` applied, so nothing but main's code can run. Without a PR, or when the rebase or the apply
 * conflicts, the branch starts from the base (with a note).
 */
export function prepareBranch(
  git: Git,
  o: { remote: string; base: string; branch: string; hasOpenPr: boolean; dataPaths?: readonly string[] },
): PrepareResult {
  const dataPaths = o.dataPaths ?? ["data"];
  git.run("fetch", "--no-tags", o.remote, `+refs/heads/${o.base}:refs/remotes/${o.remote}/${o.base}`);
  const baseRef = `${o.remote}/${o.base}`;
  const remoteSha = git.remoteSha(o.remote, o.branch);
  const branchSha = remoteSha ?? "absent";
  // The push lease is what the branch was when this run started from it: a push by anyone in between is refused.
  git.run("config", "--local", leaseKey(o.branch), branchSha);
  git.run("checkout", "-q", "-B", o.branch, baseRef);
  if (!o.hasOpenPr || !remoteSha) return { from: "base", note: null, branchSha };
  const prRef = `${o.remote}/${o.branch}`;
  git.run("fetch", "--no-tags", o.remote, `+refs/heads/${o.branch}:${`refs/remotes/${prRef}`}`);
  const mergeBase = git.run("merge-base", baseRef, prRef);
  const outside = changedOutside(git, mergeBase, prRef, dataPaths);
  if (outside.length === 0) {
    git.run("checkout", "-q", "-B", o.branch, prRef);
    const rb = git.try("rebase", "-q", baseRef);
    if (rb.ok) return { from: "pr-branch", note: null, branchSha };
    git.try("rebase", "--abort");
    git.run("checkout", "-q", "-B", o.branch, baseRef);
    return {
      from: "base",
      note: `rebasing ${o.branch} on ${baseRef} conflicted; starting from ${baseRef} instead`,
      branchSha,
    };
  }
  // The branch carries more than data: apply only its data changes on the base; its other files never reach the tree.
  const patch = git.raw("diff", "--binary", "--no-renames", mergeBase, prRef, "--", ...dataPaths);
  const dropped = `${o.branch} changes ${outside.length} file(s) outside ${dataPaths.join(", ")}; those changes were dropped`;
  if (patch !== "") {
    const applied = git.withInput(patch, "apply", "--index", "--3way", "--whitespace=nowarn");
    if (!applied.ok) {
      git.run("reset", "-q", "--hard", baseRef);
      return {
        from: "base",
        note: `${dropped}, and its data did not apply on ${baseRef}; starting from ${baseRef}`,
        branchSha,
      };
    }
  }
  return { from: "pr-data", note: `${dropped}; only its data was carried forward`, branchSha };
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

/** The data branch would change files outside the committed paths: never pushed, never merged. */
export class OutsideDataError extends Error {
  override readonly name = "OutsideDataError";
}

/**
 * Commits `paths` when they changed, and pushes the branch (with a lease) when it differs from the remote. Refuses
 * (OutsideDataError, before pushing) when the branch differs from the base anywhere outside `paths`.
 */
export function commitAndPush(
  git: Git,
  o: {
    remote: string;
    base: string;
    branch: string;
    paths: readonly string[];
    message: string;
    /** the only paths the branch may change against the base (default: `paths`) */
    allowed?: readonly string[];
  },
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
  const allowed = o.allowed ?? o.paths;
  const outside = differsFromBase ? changedOutside(git, `${o.remote}/${o.base}`, "HEAD", allowed) : [];
  if (outside.length > 0) {
    throw new OutsideDataError(
      `refusing to publish: ${o.branch} would change ${outside.length} file(s) outside ${allowed.join(", ")} (first: ${outside.slice(0, 3).join(", ")})`,
    );
  }
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
