/** Test helper: a fresh clone of the test remote and the flow options a workflow run hands to prepare()/publish(). */
import { getOctokit } from "@actions/github";
import { Git } from "../../actions/open-data-pr/src/git.ts";
import { defaultToken } from "../../sim/github/types.ts";
import { git, tempDir } from "./data-diff.ts";

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
