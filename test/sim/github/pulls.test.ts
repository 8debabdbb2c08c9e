import { Octokit as ActionOctokit } from "@octokit/action";
import type { RequestError } from "@octokit/request-error";
import { afterEach, describe, expect, it, vi } from "vitest";
import { COPILOT_TOKEN, client, GITHUB_TOKEN, statusOf, useFixtureSim } from "../../harness/sim-github/testkit.ts";

const REPO = { owner: "ace-org", repo: "ace-data-site" };
const fx = useFixtureSim();
afterEach(() => {
  vi.unstubAllEnvs();
});

function actionOctokit(): InstanceType<typeof ActionOctokit> {
  vi.stubEnv("GITHUB_ACTION", "sync");
  vi.stubEnv("GITHUB_TOKEN", GITHUB_TOKEN);
  vi.stubEnv("INPUT_GITHUB_TOKEN", "");
  vi.stubEnv("INPUT_TOKEN", "");
  vi.stubEnv("HTTPS_PROXY", "");
  vi.stubEnv("HTTP_PROXY", "");
  vi.stubEnv("https_proxy", "");
  vi.stubEnv("http_proxy", "");
  return new ActionOctokit({ baseUrl: fx.sim.url });
}

describe("sync-PR workflow endpoints with @octokit/action", () => {
  it("creates, finds, labels, comments, auto-merges and updates a pull request", async () => {
    const octokit = actionOctokit();
    const created = await octokit.request("POST /repos/{owner}/{repo}/pulls", {
      ...REPO,
      title: "data: sync 2026-11-24",
      head: "data/sync",
      base: "main",
      body: "Automated sync",
    });
    expect(created.status).toBe(201);
    expect(created.data.head.label).toBe("ace-org:data/sync");
    const dup = await octokit
      .request("POST /repos/{owner}/{repo}/pulls", { ...REPO, title: "again", head: "data/sync", base: "main" })
      .catch((e: unknown) => e);
    expect((dup as RequestError).status).toBe(422);
    expect((dup as RequestError).message).toMatch(/A pull request already exists for ace-org:data\/sync/);

    const open = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
      ...REPO,
      head: "ace-org:data/sync",
      state: "open",
    });
    expect(open.data.map((p) => p.number)).toEqual([created.data.number]);
    const none = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
      ...REPO,
      head: "ace-org:other",
      state: "all",
    });
    expect(none.data).toEqual([]);

    const labels = await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      ...REPO,
      issue_number: created.data.number,
      labels: ["data-sync", "automerge"],
    });
    expect(labels.data.map((l) => l.name)).toEqual(["data-sync", "automerge"]);
    const comment = await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...REPO,
      issue_number: created.data.number,
      body: "Diff summary: 3 datasets changed",
    });
    expect(comment.status).toBe(201);

    const gql = await octokit.graphql<{ enablePullRequestAutoMerge: { pullRequest: { number: number } } }>(
      `mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: SQUASH }) { pullRequest { number } } }`,
      { id: created.data.node_id },
    );
    expect(gql.enablePullRequestAutoMerge.pullRequest.number).toBe(created.data.number);
    const bad = await octokit
      .graphql(`mutation { enablePullRequestAutoMerge(input: { pullRequestId: "PR_nope" }) { clientMutationId } }`)
      .catch((e: unknown) => e);
    expect(String(bad)).toMatch(/Could not resolve to a node/);

    const updated = await octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
      ...REPO,
      pull_number: created.data.number,
      title: "data: sync 2026-11-25",
    });
    expect(updated.data.title).toBe("data: sync 2026-11-25");
    expect(updated.data.auto_merge?.merge_method).toBe("squash");

    const one = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      ...REPO,
      pull_number: created.data.number,
    });
    expect(one.data.labels.map((l) => l.name)).toEqual(["data-sync", "automerge"]);
    const asIssue = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      ...REPO,
      issue_number: created.data.number,
    });
    expect(asIssue.data.pull_request?.url).toBe(
      `${fx.sim.url}/repos/ace-org/ace-data-site/pulls/${created.data.number}`,
    );
    expect(asIssue.data.comments).toBe(1);

    const pull = fx.sim.state.pulls.find((p) => p.number === created.data.number);
    expect(pull).toMatchObject({ labels: ["data-sync", "automerge"], autoMerge: { mergeMethod: "SQUASH" } });
    expect(fx.sim.state.comments.map((c) => c.body)).toEqual(["Diff summary: 3 datasets changed"]);
    expect(fx.sim.requests.filter((r) => r.route === "github:pulls").every((r) => r.tokenKind === "github")).toBe(true);
  });

  it("opens, lists by label and closes a sync-failure issue", async () => {
    const octokit = actionOctokit();
    const issue = await octokit.request("POST /repos/{owner}/{repo}/issues", {
      ...REPO,
      title: "Sync failed: Kusto throttled",
      body: "run 42",
      labels: ["sync-failure"],
    });
    expect(issue.status).toBe(201);
    const found = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      ...REPO,
      labels: "sync-failure",
      state: "open",
    });
    expect(found.map((i) => i.number)).toEqual([issue.data.number]);
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...REPO,
      issue_number: issue.data.number,
      body: "still failing",
    });
    const comments = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...REPO,
      issue_number: issue.data.number,
    });
    expect(comments.data).toHaveLength(1);
    const closed = await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...REPO,
      issue_number: issue.data.number,
      state: "closed",
    });
    expect(closed.data.state).toBe("closed");
    expect(closed.data.state_reason).toBe("completed");
    const open = await octokit.request("GET /repos/{owner}/{repo}/issues", { ...REPO, labels: "sync-failure" });
    expect(open.data).toEqual([]);
    expect(fx.sim.state.issues.find((i) => i.number === issue.data.number)?.state).toBe("closed");
  });

  it("refuses writes without a token (401) and with the Copilot-only token (403)", async () => {
    const anon = client(fx.sim, undefined).octokit;
    expect(await statusOf(anon.request("POST /repos/{owner}/{repo}/issues", { ...REPO, title: "x" }))).toBe(401);
    const copilot = client(fx.sim, COPILOT_TOKEN).octokit;
    expect(await statusOf(copilot.request("POST /repos/{owner}/{repo}/issues", { ...REPO, title: "x" }))).toBe(403);
  });

  it("@octokit/action reads public data too (events, repos) through GITHUB_API_URL-less baseUrl", async () => {
    const octokit = actionOctokit();
    const events = await octokit.paginate("GET /users/{username}/events/public", { username: "bob", per_page: 100 });
    expect(events.length).toBeGreaterThan(0);
    const repo = await octokit.request("GET /repos/{owner}/{repo}", { owner: "skills", repo: "github-pages" });
    expect(repo.data.full_name).toBe("skills/github-pages");
  });
});
