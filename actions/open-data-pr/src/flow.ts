/** The two steps of the data-PR flow, independent of how inputs arrive (action inputs or tests). */
import { existsSync, readFileSync } from "node:fs";
import { readSyncStatus } from "../../shared/status.ts";
import { commitAndPush, type Git, prepareBranch } from "./git.ts";
import {
  closeDataPr,
  findDataPr,
  type Octokit,
  type Problem,
  type Repo,
  syncFailureIssue,
  upsertDataPr,
} from "./github.ts";

export interface FlowOptions {
  readonly git: Git;
  readonly octokit: Octokit;
  readonly repo: Repo;
  readonly remote: string;
  readonly base: string;
  readonly branch: string;
  readonly warn: (msg: string) => void;
}

export async function prepare(o: FlowOptions): Promise<{ from: string; prNumber: number | null }> {
  const pr = await findDataPr(o.octokit, o.repo, o.branch, o.base);
  const r = prepareBranch(o.git, { remote: o.remote, base: o.base, branch: o.branch, hasOpenPr: pr !== undefined });
  if (r.note) o.warn(r.note);
  return { from: r.from, prNumber: pr?.number ?? null };
}

export interface PublishOptions extends FlowOptions {
  readonly dataDir: string;
  /** paths committed (relative to the work tree) */
  readonly paths: readonly string[];
  /** Markdown written by data-diff; missing file → a short fallback body */
  readonly bodyPath: string;
  readonly labels: readonly string[];
  readonly autoMerge: boolean;
  /** outcome of the sync step ("success", "failure", …; empty when unknown) */
  readonly syncOutcome: string;
  readonly manageFailureIssue: boolean;
  readonly runUrl: string | null;
  /** ISO time of the run (ACE_NOW in tests) */
  readonly now: Date;
}

export interface PublishResult {
  readonly problems: readonly Problem[];
  /** "failed": the issue call failed; a warning, never a reason to keep data off the branch */
  readonly issue: "opened" | "updated" | "closed" | "none" | "skipped" | "failed";
  readonly committed: boolean;
  readonly pushed: boolean;
  readonly pr: { readonly number: number; readonly url: string; readonly created: boolean } | null;
  readonly closedPr: number | null;
}

/** Datasets the sync refused or failed (from sync_status.json), plus the sync step itself when it failed silently. */
export function problemsOf(dataDir: string, syncOutcome: string): Problem[] {
  const status = readSyncStatus(dataDir);
  const out: Problem[] = Object.entries(status.datasets)
    .filter(([, e]) => e.status === "refused" || e.status === "failed")
    .map(([dataset, e]) => ({ dataset, status: e.status, error: e.error }))
    .sort((a, b) => (a.dataset < b.dataset ? -1 : 1));
  if (out.length === 0 && syncOutcome === "failure") {
    out.push({
      dataset: "(sync step)",
      status: "failed",
      error: "the sync step failed before recording a status; see the run log",
    });
  }
  return out;
}

export async function publish(o: PublishOptions): Promise<PublishResult> {
  const problems = problemsOf(o.dataDir, o.syncOutcome);
  const day = o.now.toISOString().slice(0, 10);
  // The failure issue comes last: commit, push and the PR never wait on it, and its failure is only a warning.
  const failureIssue = async (): Promise<PublishResult["issue"]> => {
    if (!o.manageFailureIssue) return "skipped";
    try {
      return await syncFailureIssue(o.octokit, o.repo, problems, o.runUrl, o.now.toISOString());
    } catch (err) {
      o.warn(`the sync-failure issue could not be updated: ${err instanceof Error ? err.name : "error"}`);
      return "failed";
    }
  };
  const c = commitAndPush(o.git, {
    remote: o.remote,
    base: o.base,
    branch: o.branch,
    paths: o.paths,
    message: `data: sync ${day}`,
  });
  if (!c.differsFromBase) {
    const stale = await findDataPr(o.octokit, o.repo, o.branch, o.base);
    if (stale) {
      await closeDataPr(
        o.octokit,
        o.repo,
        stale,
        `Closing: ${o.base} already has this data (${o.runUrl ?? "local run"}).`,
      );
    }
    const issue = await failureIssue();
    return { problems, issue, committed: c.committed, pushed: false, pr: null, closedPr: stale?.number ?? null };
  }
  const diff = existsSync(o.bodyPath)
    ? readFileSync(o.bodyPath, "utf8")
    : "_The data diff was not produced; see the run log._\n";
  const footer = `\n---\n_Opened by the data sync${o.runUrl ? ` ([run](${o.runUrl}))` : ""}. The branch \`${o.branch}\` is rewritten by every sync run; do not push to it._\n`;
  const pr = await upsertDataPr(
    o.octokit,
    o.repo,
    {
      branch: o.branch,
      base: o.base,
      title: `Data sync ${day}`,
      body: diff + footer,
      labels: o.labels,
      autoMerge: o.autoMerge && problems.length === 0,
    },
    o.warn,
  );
  const issue = await failureIssue();
  return { problems, issue, committed: c.committed, pushed: c.pushed, pr, closedPr: null };
}
