/**
 * The data-diff action's main.ts as the sync workflows run it (`base: origin/main`, mocked @actions/core): on a clone
 * holding the committed data, it writes the Markdown body (the job summary too) and the uncut report, and names the
 * changed datasets and the refused ones in its outputs.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { run } from "../../../actions/data-diff/src/main.ts";
import { actionInputs } from "../../harness/actions-core.ts";
import { git, removeTempDirs, tempDir } from "../../harness/data-diff.ts";

vi.mock("@actions/core", async () => (await import("../../harness/actions-core.ts")).core);

let remote: string;
beforeAll(() => {
  // main holds the committed data/, as origin/main does when the sync job starts
  remote = join(tempDir("diff-remote"), "repo.git");
  git(".", "init", "-q", "--bare", "-b", "main", remote);
  const seed = tempDir("diff-seed");
  git(seed, "clone", "-q", remote, ".");
  git(seed, "checkout", "-q", "-b", "main");
  cpSync(join(REPO_ROOT, "data"), join(seed, "data"), { recursive: true });
  git(seed, "add", "data");
  git(seed, "commit", "-q", "-m", "committed data");
  git(seed, "push", "-q", "origin", "main");
});
afterAll(removeTempDirs);

/** A fresh clone (origin/main = the committed data) and where the body goes. */
function clone(): { data: string; bodyPath: string } {
  const work = tempDir("diff-work");
  git(work, "clone", "-q", remote, ".");
  return { data: join(work, "data"), bodyPath: join(tempDir("diff-out"), "data-diff.md") };
}

describe("data-diff main.ts", () => {
  it("names the changed dataset and the refused one, and writes the body, the summary and the full report", async () => {
    const { data, bodyPath } = clone();
    const file = join(data, "skills_courses.csv");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    writeFileSync(file, `${lines.slice(0, -2).join("\n")}\n`);
    const status = JSON.parse(readFileSync(join(data, "sync_status.json"), "utf8"));
    status.datasets.skills_enrollments.status = "refused";
    writeFileSync(join(data, "sync_status.json"), `${JSON.stringify(status, null, 2)}\n`);

    const io = actionInputs({ "data-dir": data, base: "origin/main", "body-path": bodyPath });
    await run();
    expect(io.failed).toEqual([]);
    const fullPath = join(bodyPath, "..", "data-diff-full.md");
    expect(io.outputs).toEqual({
      changed: "true",
      datasets: "skills_courses",
      problems: "skills_enrollments",
      "body-path": bodyPath,
      "full-path": fullPath,
    });
    const body = readFileSync(bodyPath, "utf8");
    const rows = lines.length - 1;
    expect(body).toContain(`| \`skills_courses\` | ${rows} → ${rows - 2} | +0 | −2 | ~0 |`);
    expect(body).toContain("- **skills_enrollments**: REFUSED");
    expect(io.summaries).toEqual([body]);
    expect(readFileSync(fullPath, "utf8").length).toBeGreaterThanOrEqual(body.length);
    expect(io.infos).toEqual(["1 dataset(s) changed: skills_courses"]);
  });

  it("reports no change on an untouched clone", async () => {
    const { data, bodyPath } = clone();
    const io = actionInputs({ "data-dir": data, base: "origin/main", "body-path": bodyPath });
    await run();
    expect(io.failed).toEqual([]);
    expect([io.outputs.changed, io.outputs.datasets, io.outputs.problems]).toEqual(["false", "", ""]);
    expect(io.infos).toEqual(["0 dataset(s) changed: none"]);
    expect(io.summaries).toEqual([readFileSync(bodyPath, "utf8")]);
  });

  it("fails the step once on a sample size that is not a non-negative integer", async () => {
    const { data, bodyPath } = clone();
    const io = actionInputs({ "data-dir": data, base: "origin/main", "body-path": bodyPath, "sample-size": "-1" });
    await run();
    expect(io.failed).toEqual(['input sample-size must be a non-negative integer, got "-1"']);
    expect(io.outputs).toEqual({});
  });
});
