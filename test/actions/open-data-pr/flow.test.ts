import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderMarkdown } from "../../../actions/data-diff/src/render.ts";
import { runDiff } from "../../../actions/data-diff/src/run.ts";
import { prepare, publish } from "../../../actions/open-data-pr/src/flow.ts";
import { commitAndPush, OutsideDataError } from "../../../actions/open-data-pr/src/git.ts";
import { start } from "../../../sim/github/server.ts";
import type { GitHubSim } from "../../../sim/github/types.ts";
import { csv, git, put, putSchema, removeTempDirs, skillsCoursesStatus, tempDir } from "../../harness/data-diff.ts";
import { cloneForRun, seededRemote } from "../../harness/open-data-pr.ts";
import { createFixture } from "../../harness/sim-github/fixture.ts";

const H = "course,title,is_template,archived,topics,stargazers,forks,created_at";
const course = (c: string, stars: number): string =>
  `${c},Course ${c},true,false,actions,${stars},3,2024-01-01T00:00:00Z`;
const NOW = new Date("2026-11-24T02:00:00Z");

function statusJson(status: "ok" | "refused"): string {
  return skillsCoursesStatus(status, status === "refused" ? "shrank by 50% (limit 20%)" : null);
}

let sim: GitHubSim;
let remote: string;
beforeAll(async () => {
  for (const v of ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"]) vi.stubEnv(v, "");
  sim = await start({ world: createFixture() });
  remote = seededRemote("", [H, course("a", 1), course("b", 2)], statusJson("ok"));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  removeTempDirs();
  await sim.close();
});

/** One workflow run: fresh clone → prepare → (sync = edit) → diff → publish. */
async function nightly(edit: (work: string) => void, o: { autoMerge?: boolean } = {}) {
  const { work, flow } = cloneForRun(remote, sim.url);
  const prep = await prepare(flow);
  edit(work);
  const { report } = await runDiff({ dataDir: join(work, "data"), base: "origin/main", now: NOW });
  const bodyPath = join(work, "..", `body-${Date.now()}-${Math.random()}.md`);
  writeFileSync(bodyPath, renderMarkdown(report));
  const result = await publish({
    ...flow,
    dataDir: join(work, "data"),
    paths: ["data"],
    bodyPath,
    labels: ["data", "automated"],
    autoMerge: o.autoMerge ?? true,
    syncOutcome: "success",
    manageFailureIssue: true,
    runUrl: "https://github.com/ace-demo/ace-data-site/actions/runs/1",
    now: NOW,
  });
  return { prep, result, work };
}

describe("data PR flow against the GitHub simulator and a real git remote", () => {
  it("opens the PR, updates the same PR, and opens nothing when nothing changed", async () => {
    const r1 = await nightly((w) => put(w, "data/skills_courses.csv", csv([H, course("a", 1), course("b", 5)])));
    expect(r1.prep.from).toBe("base");
    expect(r1.result.pr?.created).toBe(true);
    expect(sim.state.pulls).toHaveLength(1);
    const pr = sim.state.pulls[0];
    expect(pr?.head).toBe("ace-demo:data-sync");
    expect(pr?.body).toContain("`stargazers` | fewer than 5 → 5");
    expect(pr?.labels).toEqual(["data", "automated"]);
    expect(pr?.autoMerge?.mergeMethod).toBe("SQUASH");
    expect(git(r1.work, "ls-remote", "--heads", "origin", "data-sync")).toContain("data-sync");

    // upstream changes again: the same PR is updated, starting from its branch
    const r2 = await nightly((w) =>
      put(w, "data/skills_courses.csv", csv([H, course("a", 1), course("b", 5), course("c", 7)])),
    );
    expect(r2.prep).toMatchObject({ from: "pr-branch", prNumber: pr?.number });
    expect(r2.result.pr).toMatchObject({ number: pr?.number, created: false });
    expect(sim.state.pulls).toHaveLength(1);
    expect(sim.state.pulls[0]?.body).toContain("**+1** added");
    expect(sim.state.pulls[0]?.body).toContain("`stargazers` | fewer than 5 → 5");
    expect(git(r2.work, "log", "--format=%s", "origin/main..origin/data-sync").trim().split("\n")).toHaveLength(2);

    // a run with nothing new keeps the PR as it is
    const r3 = await nightly(() => undefined);
    expect(r3.result.committed).toBe(false);
    expect(r3.result.pushed).toBe(false);
    expect(sim.state.pulls).toHaveLength(1);

    // merge it (squash onto main), close it; the next run with no change opens nothing
    const m = tempDir("merge");
    git(m, "clone", "-q", remote, ".");
    git(m, "merge", "-q", "--squash", "origin/data-sync");
    git(m, "commit", "-q", "-m", "Data sync (#1)");
    git(m, "push", "-q", "origin", "main");
    const p = sim.state.pulls[0];
    if (p) p.state = "closed";
    const r4 = await nightly(() => undefined);
    expect(r4.result.pr).toBeNull();
    expect(r4.result.committed).toBe(false);
    expect(sim.state.pulls).toHaveLength(1);
  });

  it("opens the sync-failure issue on a refusal, without auto-merge, and closes it on the next clean run", async () => {
    const before = sim.state.pulls.length;
    const r1 = await nightly((w) => {
      put(w, "data/skills_courses.csv", csv([H, course("a", 1), course("b", 5), course("c", 7), course("d", 9)]));
      put(w, "data/sync_status.json", statusJson("refused"));
    });
    expect(r1.result.issue).toBe("opened");
    const pr = sim.state.pulls.at(-1);
    expect(sim.state.pulls).toHaveLength(before + 1);
    expect(pr?.autoMerge).toBeNull();
    expect(pr?.body).toContain("[!CAUTION]");
    const issue = sim.state.issues.find((i) => i.labels.includes("sync-failure"));
    expect(issue?.state).toBe("open");
    expect(issue?.body).toContain("shrank by 50% (limit 20%)");

    const r2 = await nightly((w) => put(w, "data/sync_status.json", statusJson("refused")));
    expect(r2.result.issue).toBe("updated");
    expect(sim.state.issues.filter((i) => i.labels.includes("sync-failure"))).toHaveLength(1);

    const r3 = await nightly((w) => put(w, "data/sync_status.json", statusJson("ok")));
    expect(r3.result.issue).toBe("closed");
    expect(issue?.state).toBe("closed");
    expect(sim.state.comments.some((c) => c.body.startsWith("Resolved:"))).toBe(true);
  });

  it("carries a hijacked data branch's data forward but never its code, and refuses a branch that leaves data/", async () => {
    // an open data PR whose branch also got code pushed to it (the attack of issue 16)
    const r1 = await nightly((w) => put(w, "data/skills_courses.csv", csv([H, course("a", 3), course("b", 4)])));
    const pr = sim.state.pulls.find((p) => p.state === "open");
    expect(r1.result.pr?.number).toBe(pr?.number);
    const evil = tempDir("evil");
    git(evil, "clone", "-q", "-b", "data-sync", remote, ".");
    put(evil, "scripts/evil.sh", "echo pwned\n");
    put(evil, "data/skills_courses.csv", csv([H, course("a", 3), course("b", 4), course("e", 11)]));
    git(evil, "add", "-A");
    git(evil, "commit", "-q", "-m", "looks like data");
    git(evil, "push", "-q", "origin", "data-sync");

    // the sync job: main's code, the branch's data only
    const { work, flow } = cloneForRun(remote, sim.url);
    const warnings: string[] = [];
    const prep = await prepare({ ...flow, warn: (m) => warnings.push(m) });
    expect(prep.from).toBe("pr-data");
    expect(warnings.join("\n")).toMatch(/1 file\(s\) outside data; those changes were dropped/);
    expect(existsSync(join(work, "scripts/evil.sh"))).toBe(false);
    expect(readFileSync(join(work, "data/skills_courses.csv"), "utf8")).toContain("e,Course e");

    // the publish job: the synced data handed over as a folder, republished clean, auto-merge off
    const out = tempDir("artifact");
    put(out, "data/skills_courses.csv", csv([H, course("a", 3), course("b", 4), course("e", 12)]));
    put(out, "data/sync_status.json", statusJson("ok"));
    mkdirSync(join(out, "data", "schema"), { recursive: true });
    putSchema(join(out, "data"), "skills_courses");
    const pub = cloneForRun(remote, sim.url);
    const result = await publish({
      ...pub.flow,
      warn: () => undefined,
      dataDir: join(pub.work, "data"),
      dataFrom: join(out, "data"),
      paths: ["data"],
      bodyPath: join(out, "missing-body.md"),
      labels: ["data"],
      autoMerge: true,
      syncOutcome: "success",
      manageFailureIssue: false,
      runUrl: null,
      now: NOW,
    });
    expect(result).toMatchObject({ committed: true, pushed: true, pr: { number: pr?.number } });
    const files = git(pub.work, "diff", "--name-only", "origin/main", "origin/data-sync").trim().split("\n");
    expect(files.every((f) => f.startsWith("data/"))).toBe(true);
    expect(sim.state.pulls.find((p) => p.number === pr?.number)?.autoMerge).toBeNull();

    // a commit outside data/ is refused before any push
    const bad = cloneForRun(remote, sim.url);
    await prepare(bad.flow);
    put(bad.work, "README.md", "changed\n");
    put(bad.work, "data/skills_courses.csv", csv([H, course("z", 1)]));
    const head = git(bad.work, "ls-remote", "origin", "data-sync");
    expect(() =>
      commitAndPush(bad.flow.git, {
        remote: "origin",
        base: "main",
        branch: "data-sync",
        paths: ["data", "README.md"],
        message: "x",
        allowed: ["data"],
      }),
    ).toThrow(OutsideDataError);
    expect(git(bad.work, "ls-remote", "origin", "data-sync")).toBe(head);
  });

  it("publishes nothing and files the failure issue when the sync job handed over no data", async () => {
    const { work, flow } = cloneForRun(remote, sim.url);
    const result = await publish({
      ...flow,
      dataDir: join(work, "data"),
      dataFrom: join(work, "no-such-artifact", "data"),
      paths: ["data"],
      bodyPath: "",
      labels: [],
      autoMerge: true,
      syncOutcome: "failure",
      manageFailureIssue: true,
      runUrl: null,
      now: NOW,
    });
    expect(result).toMatchObject({ committed: false, pushed: false, pr: null, issue: "opened" });
    expect(result.problems.map((p) => p.dataset)).toEqual(["(sync job)"]);
  });
});
