/** Test helper: a fresh clone of the test remote and the flow options a workflow run hands to prepare()/publish(). */

import { join } from "node:path";
import { getOctokit } from "@actions/github";
import { Git } from "../../actions/open-data-pr/src/git.ts";
import { defaultToken } from "../../sim/github/types.ts";
import { csv, git, put, putSchema, tempDir } from "./data-diff.ts";

export const REPO = { owner: "ace-demo", repo: "ace-data-site" };

export function cloneForRun(remote: string, apiUrl: string) {
  const work = tempDir("work");
  git(work, "clone", "-q", remote, ".");
  const flow = {
    git: new Git(work),
    octokit: getOctokit(defaultToken("github"), { baseUrl: apiUrl }),
    repo: REPO,
    remote: "origin",
    base: "main",
    branch: "data-sync",
    warn: (m: string) => {
      throw new Error(`unexpected warning: ${m}`);
    },
  };
  return { work, flow };
}

/**
 * A bare remote whose main branch holds one commit: skills_courses (its schema and these CSV lines) and this
 * sync_status.json, as the data PR tests start from. Returns the remote's path.
 */
export function seededRemote(tag: string, lines: readonly string[], statusJson: string): string {
  const remote = join(tempDir(`${tag}remote`), "repo.git");
  git(".", "init", "-q", "--bare", "-b", "main", remote);
  const seed = tempDir(`${tag}seed`);
  git(seed, "clone", "-q", remote, ".");
  git(seed, "checkout", "-q", "-b", "main");
  putSchema(join(seed, "data"), "skills_courses");
  put(seed, "data/skills_courses.csv", csv(lines));
  put(seed, "data/sync_status.json", statusJson);
  git(seed, "add", "-A");
  git(seed, "commit", "-q", "-m", "seed");
  git(seed, "push", "-q", "origin", "main");
  return remote;
}
