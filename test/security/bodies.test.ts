/**
 * Security suite: the data PR body and the sync-failure issue against hostile data — Markdown injection (mentions,
 * references, raw HTML, links, a lone CR, table breaks), e-mails, oversized bodies, and a failing issue API that must
 * not keep good data off the branch. Runs the real flow against the GitHub simulator and a real git remote.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inert } from "#core/inert-markdown.ts";
import { renderMarkdown } from "../../actions/data-diff/src/render.ts";
import { runDiff } from "../../actions/data-diff/src/run.ts";
import { publish } from "../../actions/open-data-pr/src/flow.ts";
import { BODY_LIMIT, failureBody, safeBody } from "../../actions/open-data-pr/src/github.ts";
import { createFaultInjector, type FaultInjector } from "../../sim/faults/plan.ts";
import { start } from "../../sim/github/server.ts";
import type { GitHubSim } from "../../sim/github/types.ts";
import { csv, git, put, removeTempDirs, skillsCoursesStatus } from "../harness/data-diff.ts";
import { cloneForRun, REPO, seededRemote } from "../harness/open-data-pr.ts";
import { createFixture } from "../harness/sim-github/fixture.ts";
import { HOSTILE, leaks } from "./hostile.ts";

const H = "course,title,is_template,archived,topics,stargazers,forks,created_at";
const row = (c: string, title: string, stars: number): string =>
  `${c},"${title.replace(/"/g, '""')}",true,false,actions,${stars},3,2024-01-01T00:00:00Z`;
const NOW = new Date("2026-11-24T02:00:00Z");
const INJECTIONS = [
  "@ace-demo/admins please look",
  "fixes #1 and ace-demo/ace-data-site#2",
  "<script>alert(1)</script><img src=x onerror=alert(1)>",
  "[click](https://evil.example) <https://evil.example> www.evil.example",
  "line\rbreak > [!CAUTION] out of the quote",
  "a | b | `code` | c",
  "GH-42 and gh-7",
];

/** Markup that would act in GitHub Markdown: the attack succeeded when any is found. */
function active(md: string): string[] {
  const found: string[] = [];
  if (/(^|[^\w\u2060\\])@[A-Za-z0-9][\w-]*/m.test(md)) found.push("mention");
  if (/(^|[^\w&\\])#\d+/m.test(md)) found.push("reference");
  if (/\bGH-\d/i.test(md)) found.push("GH reference");
  if (/<(script|img|a)\b/i.test(md)) found.push("raw HTML");
  if (/https?:\/\/evil|www\.evil/.test(md)) found.push("link");
  if (/\r(?!\n)/.test(md)) found.push("lone CR");
  if (/(^|[^\\])\[click\]\(/.test(md)) found.push("markdown link");
  return found;
}

function status(error: string | null): string {
  return skillsCoursesStatus(error === null ? "ok" : "refused", error);
}

let sim: GitHubSim;
let remote: string;
/** The issue API fails while this is set (a switchable fault plan: every issues request answers 502). */
let failIssues = false;
const issuesDown = createFaultInjector({ seed: 1, faults: [{ route: "github:issues", kind: "status", status: 502 }] });
const switchable: FaultInjector = {
  match: (route, i) => (failIssues ? issuesDown.match(route, i) : undefined),
  next: (route) => (failIssues ? issuesDown.next(route) : undefined),
  counts: () => issuesDown.counts(),
};
beforeAll(async () => {
  for (const v of ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"]) vi.stubEnv(v, "");
  sim = await start({ world: createFixture(), faults: switchable });
  remote = seededRemote("", [H, row("a", "Course a", 1), row("b", "Course b", 2)], status(null));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  removeTempDirs();
  await sim.close();
});

async function run(titles: readonly string[], error: string | null, o: { issueFault?: boolean; pad?: number } = {}) {
  const { work, flow } = cloneForRun(remote, sim.url);
  const warnings: string[] = [];
  const courses = titles.map((t, i) => row(`c${i}`, t, i));
  put(work, "data/skills_courses.csv", csv([H, row("a", "Course a", 1), row("b", "Course b", 2), ...courses]));
  put(work, "data/sync_status.json", status(error));
  const { report } = await runDiff({ dataDir: join(work, "data"), base: "origin/main", now: NOW });
  const bodyPath = join(work, "..", `body-${Math.random()}.md`);
  writeFileSync(bodyPath, renderMarkdown(report) + "x".repeat(o.pad ?? 0));
  failIssues = o.issueFault ?? false;
  try {
    const result = await publish({
      ...flow,
      warn: (m) => warnings.push(m),
      dataDir: join(work, "data"),
      paths: ["data"],
      bodyPath,
      labels: ["data"],
      autoMerge: false,
      syncOutcome: "success",
      manageFailureIssue: true,
      runUrl: "https://github.com/ace-demo/ace-data-site/actions/runs/1",
      now: NOW,
    });
    return { result, warnings, work };
  } finally {
    failIssues = false;
  }
}

const octo = () => cloneForRun(remote, sim.url).flow.octokit;

describe("data PR and failure issue vs hostile data", () => {
  it("attack: Markdown injection in data values (mention, #ref, HTML, links, lone CR, pipes) — inert in the PR", async () => {
    const { result } = await run(INJECTIONS, null);
    expect(result.pr).not.toBeNull();
    const { data } = await octo().rest.pulls.get({ ...REPO, pull_number: result.pr?.number ?? 0 });
    const body = data.body ?? "";
    expect(body).toContain("admins please look");
    expect(active(body)).toEqual([]);
    // every table row keeps its column count: no pipe from data splits a cell
    for (const line of body.split("\n").filter((l) => l.startsWith("| Key") || l.startsWith("| course=c"))) {
      expect(line.replace(/\\\|/g, "").split("|").length).toBe(body.includes("| Key | course |") ? 11 : 5);
    }
  });

  it("attack: each injection through inert() alone — nothing active survives", () => {
    for (const v of [...INJECTIONS, HOSTILE.loneCr, HOSTILE.html, HOSTILE.mention, HOSTILE.reference]) {
      expect(active(inert(v)), v).toEqual([]);
    }
  });

  it("attack: an e-mail and an @mention in a refusal reason — absent from the failure issue and the PR", async () => {
    const { result } = await run(["Course x"], `bad login ${HOSTILE.email} from ${HOSTILE.mention} #1 <script>`);
    expect(result.issue).toMatch(/opened|updated/);
    const issues = await octo().rest.issues.listForRepo({ ...REPO, state: "open", labels: "sync-failure" });
    const issue = issues.data[0];
    expect(issue).toBeDefined();
    expect(leaks(issue?.body ?? "")).toEqual([]);
    expect(active(issue?.body ?? "")).toEqual([]);
    const { data } = await octo().rest.pulls.get({ ...REPO, pull_number: result.pr?.number ?? 0 });
    expect(leaks(data.body ?? "")).toEqual([]);
  });

  it("attack: an oversized PR body — cut to 65,536 characters with a pointer to the full diff artifact", async () => {
    const { result } = await run(["Course y"], null, { pad: 200_000 });
    const { data } = await octo().rest.pulls.get({ ...REPO, pull_number: result.pr?.number ?? 0 });
    const body = data.body ?? "";
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body).toContain("`data-diff` artifact");
  });

  it("attack: an oversized failure issue (1,000 datasets × 2 MB reasons) — within the limit, still inert", () => {
    const error = HOSTILE.huge + HOSTILE.email;
    const problems = Array.from({ length: 1000 }, (_, i) => ({ dataset: `ds_${i}`, status: "refused", error }));
    const body = failureBody(problems, null, NOW.toISOString());
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(leaks(body)).toEqual([]);
    expect(safeBody("y".repeat(100_000)).length).toBeLessThanOrEqual(BODY_LIMIT);
  });

  it("attack: the issue API failing — commit, push and PR happen first; the issue failure is only a warning", async () => {
    const { result, warnings, work } = await run(["Course z"], "shrank by 50% (limit 20%)", { issueFault: true });
    expect(result.issue).toBe("failed");
    expect(result.pushed).toBe(true);
    expect(result.pr).not.toBeNull();
    expect(warnings.join("\n")).toMatch(/sync-failure issue could not be updated/);
    const remoteHead = git(work, "ls-remote", "origin", "refs/heads/data-sync").split(/\s/)[0];
    expect(remoteHead).toBe(git(work, "rev-parse", "HEAD").trim());
  });
});
