/** The two steps of the data-PR flow, independent of how inputs arrive (action inputs or tests). */
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { readSyncStatus } from "#core/status.ts";
import { type CommitResult, commitAndPush, type Git, leaseKey, OutsideDataError, prepareBranch } from "./git.ts";
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
  /** the only paths the data branch may change (default ["data"]) */
  readonly dataPaths?: readonly string[];
}

export interface Prepared {
  readonly from: string;
  readonly prNumber: number | null;
  /** the remote data branch's sha this run started from, or "absent" */
  readonly branchSha: string;
}

/** Checks out the data branch, carrying the open data PR's data (never its other files) forward. */
export async function prepare(o: FlowOptions): Promise<Prepared> {
  const pr = await findDataPr(o.octokit, o.repo, o.branch, o.base);
  const r = prepareBranch(o.git, {
    remote: o.remote,
    base: o.base,
    branch: o.branch,
    hasOpenPr: pr !== undefined,
    dataPaths: o.dataPaths ?? ["data"],
  });
  if (r.note) o.warn(r.note);
  return { from: r.from, prNumber: pr?.number ?? null, branchSha: r.branchSha };
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
  /**
   * The synced data directory handed over by the sync job (an artifact). When set, publish prepares the branch itself
   * and replaces `dataDir` with it; when it does not exist (the sync job failed before handing data over) nothing is
   * committed and only the failure issue is updated.
   */
  readonly dataFrom?: string;
  /**
   * The data branch's sha when the sync job prepared it (its `branch-sha` output): the push lease, so a push to the
   * branch at any time during the run is refused. Without it, the lease is taken when this step prepares.
   */
  readonly lease?: string;
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

const NO_DATA: Problem = {
  dataset: "(sync job)",
  status: "failed",
  error: "the sync job handed over no data; see the run log",
};

export async function publish(o: PublishOptions): Promise<PublishResult> {
  let autoMerge = o.autoMerge;
  if (o.dataFrom !== undefined) {
    if (!existsSync(o.dataFrom)) {
      const issue = o.manageFailureIssue
        ? await syncFailureIssue(o.octokit, o.repo, [NO_DATA], o.runUrl, o.now.toISOString()).catch((err: unknown) => {
            o.warn(`the sync-failure issue could not be updated: ${err instanceof Error ? err.name : "error"}`);
            return "failed" as const;
          })
        : "skipped";
      return { problems: [NO_DATA], issue, committed: false, pushed: false, pr: null, closedPr: null };
    }
    const prep = await prepare(o);
    if (o.lease) o.git.run("config", "--local", leaseKey(o.branch), o.lease);
    // a data branch that carried anything but data is republished clean, but never merged without a person
    if (prep.from === "pr-data") autoMerge = false;
    rmSync(o.dataDir, { recursive: true, force: true });
    cpSync(o.dataFrom, o.dataDir, { recursive: true });
  }
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
  let c: CommitResult;
  try {
    c = commitAndPush(o.git, {
      remote: o.remote,
      base: o.base,
      branch: o.branch,
      paths: o.paths,
      message: `data: sync ${day}`,
      allowed: o.dataPaths ?? ["data"],
    });
  } catch (err) {
    if (err instanceof OutsideDataError) await disableAutoMerge(o);
    throw err;
  }
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
      autoMerge: autoMerge && problems.length === 0,
    },
    o.warn,
  );
  const issue = await failureIssue();
  return { problems, issue, committed: c.committed, pushed: c.pushed, pr, closedPr: null };
}

/** A refused data branch: auto-merge off on the open data PR, if any (a failure here is only a warning). */
async function disableAutoMerge(o: PublishOptions): Promise<void> {
  try {
    const pr = await findDataPr(o.octokit, o.repo, o.branch, o.base);
    if (!pr?.autoMerge) return;
    await o.octokit.graphql(
      "mutation($id: ID!) {\n  disablePullRequestAutoMerge(input: { pullRequestId: $id }) { clientMutationId }\n}",
      { id: pr.nodeId },
    );
  } catch (err) {
    o.warn(`auto-merge could not be disabled: ${err instanceof Error ? err.name : "error"}`);
  }
}
