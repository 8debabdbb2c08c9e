/**
 * The data PR and the sync-failure issue, through Octokit (REST, plus GraphQL for auto-merge). Every value from data
 * is made inert (core/inert-markdown.ts), every body is checked for person-level data (e-mails,
 * pseudonyms: removed if found) and cut to GitHub's 65,536-character limit with a pointer to the full diff artifact.
 */
import type { getOctokit } from "@actions/github";
import { inert } from "#core/inert-markdown.ts";
import { redactPersonalData } from "#core/public-text.ts";

/** GitHub's limit on an issue or pull request body, in characters. */
export const BODY_LIMIT = 65_536;
const CUT_NOTE =
  "\n\n_…cut to fit GitHub's size limit; the full diff is the run's `data-diff` artifact (`data-diff-full.md`)._\n";

/** A body safe to send: person-level data removed, at most `limit` characters (cut with a note). */
export function safeBody(text: string, limit = BODY_LIMIT): string {
  const clean = redactPersonalData(text);
  if (clean.length <= limit) return clean;
  return clean.slice(0, limit - CUT_NOTE.length) + CUT_NOTE;
}

export type Octokit = ReturnType<typeof getOctokit>;

export interface Repo {
  readonly owner: string;
  readonly repo: string;
}

export interface OpenPr {
  readonly number: number;
  readonly nodeId: string;
  readonly url: string;
  readonly autoMerge: boolean;
}

/** The open data PR from `branch` into `base`, if any. */
export async function findDataPr(octokit: Octokit, r: Repo, branch: string, base: string): Promise<OpenPr | undefined> {
  const { data } = await octokit.rest.pulls.list({
    ...r,
    state: "open",
    head: `${r.owner}:${branch}`,
    base,
    per_page: 10,
  });
  const p = data[0];
  return p ? { number: p.number, nodeId: p.node_id, url: p.html_url, autoMerge: p.auto_merge !== null } : undefined;
}

export interface UpsertOptions {
  readonly branch: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  /** enable auto-merge (squash) */
  readonly autoMerge: boolean;
}

/** Opens the one data PR, or updates its title and body; adds labels; enables or disables auto-merge. */
export async function upsertDataPr(
  octokit: Octokit,
  r: Repo,
  o: UpsertOptions,
  warn: (msg: string) => void,
): Promise<{ number: number; url: string; created: boolean }> {
  const existing = await findDataPr(octokit, r, o.branch, o.base);
  let pr: OpenPr;
  if (existing) {
    await octokit.rest.pulls.update({ ...r, pull_number: existing.number, title: o.title, body: safeBody(o.body) });
    pr = existing;
  } else {
    const { data } = await octokit.rest.pulls.create({
      ...r,
      head: o.branch,
      base: o.base,
      title: o.title,
      body: safeBody(o.body),
    });
    pr = { number: data.number, nodeId: data.node_id, url: data.html_url, autoMerge: false };
  }
  if (o.labels.length > 0)
    await octokit.rest.issues.addLabels({ ...r, issue_number: pr.number, labels: [...o.labels] });
  const mutation = o.autoMerge ? "enablePullRequestAutoMerge" : pr.autoMerge ? "disablePullRequestAutoMerge" : null;
  if (mutation) {
    const args =
      mutation === "enablePullRequestAutoMerge" ? "pullRequestId: $id, mergeMethod: SQUASH" : "pullRequestId: $id";
    try {
      await octokit.graphql(`mutation($id: ID!) {\n  ${mutation}(input: { ${args} }) { clientMutationId }\n}`, {
        id: pr.nodeId,
      });
    } catch (err) {
      // Auto-merge needs the repository setting "Allow auto-merge" and branch protection; the PR stays open anyway.
      warn(`${mutation} failed: ${(err as Error).message}`);
    }
  }
  return { number: pr.number, url: pr.url, created: !existing };
}

/** Closes a data PR that no longer differs from the base. */
export async function closeDataPr(octokit: Octokit, r: Repo, pr: OpenPr, reason: string): Promise<void> {
  await octokit.rest.issues.createComment({ ...r, issue_number: pr.number, body: reason });
  await octokit.rest.pulls.update({ ...r, pull_number: pr.number, state: "closed" });
}

export const FAILURE_LABEL = "sync-failure";

export interface Problem {
  readonly dataset: string;
  readonly status: string;
  readonly error: string | null;
}

export function failureBody(problems: readonly Problem[], runUrl: string | null, when: string): string {
  const lines = problems
    .slice(0, MAX_ISSUE_ROWS)
    .map((p) => `| ${inert(p.dataset, 80)} | ${inert(p.status, 20)} | ${inert(p.error ?? "", 300)} |`);
  if (problems.length > MAX_ISSUE_ROWS) lines.push(`| _…and ${problems.length - MAX_ISSUE_ROWS} more_ | | |`);
  const body = [
    "The data sync could not update every dataset. Their committed data was kept; the data PR (if any) has",
    "auto-merge off. This issue is updated by every failing run and closed by the next clean run.",
    "",
    `Last failing run: ${runUrl ?? "(local run)"} at ${when}`,
    "",
    "| Dataset | Status | Reason |",
    "|---|---|---|",
    ...lines,
    "",
    'See docs/operating.md ("The failure issue") for what to do.',
  ].join("\n");
  return safeBody(body);
}

const MAX_ISSUE_ROWS = 100;

/**
 * Opens or updates the one `sync-failure` issue while something is refused or failed; comments and closes it on the
 * first clean run. Returns what it did.
 */
export async function syncFailureIssue(
  octokit: Octokit,
  r: Repo,
  problems: readonly Problem[],
  runUrl: string | null,
  when: string,
): Promise<"opened" | "updated" | "closed" | "none"> {
  const { data } = await octokit.rest.issues.listForRepo({ ...r, state: "open", labels: FAILURE_LABEL, per_page: 20 });
  const open = data.find((i) => i.pull_request === undefined || i.pull_request === null);
  if (problems.length > 0) {
    const body = failureBody(problems, runUrl, when);
    const title = `Data sync: ${problems.length} dataset(s) refused or failed`;
    if (open) {
      await octokit.rest.issues.update({ ...r, issue_number: open.number, title, body });
      await octokit.rest.issues.createComment({
        ...r,
        issue_number: open.number,
        body: safeBody(
          `Still failing (${problems
            .slice(0, MAX_ISSUE_ROWS)
            .map((p) => `${inert(p.dataset, 80)}: ${inert(p.status, 20)}`)
            .join(", ")}) in ${runUrl ?? "a local run"}.`,
        ),
      });
      return "updated";
    }
    await octokit.rest.issues.create({ ...r, title, body, labels: [FAILURE_LABEL] });
    return "opened";
  }
  if (!open) return "none";
  await octokit.rest.issues.createComment({
    ...r,
    issue_number: open.number,
    body: `Resolved: ${runUrl ?? "a local run"} synced every dataset without refusals or failures.`,
  });
  await octokit.rest.issues.update({ ...r, issue_number: open.number, state: "closed", state_reason: "completed" });
  return "closed";
}
