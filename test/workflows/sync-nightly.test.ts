/**
 * sync-nightly.yml rehearsed from its YAML (runner.ts) against the simulators at scale S; the committed data is the
 * world at 2026-11-24T02:00:00Z, the runs are the next night. Both jobs run: `sync` (read-only) hands the data to
 * `publish` (the only job that pushes) as an artifact.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { failedLogs, outcomes, planOf, rehearsalSuite, SLOW } from "./kit.ts";
import { failing } from "./standins.ts";

const suite = rehearsalSuite("nightly");
const world = suite.world;

const NIGHTLY = { event: "schedule", schedule: "0 2 * * *" } as const;

/** Whether the branch's changed files include a file of the dataset (its single file or one of its partitions). */
const touches = (files: readonly string[], dataset: string): boolean =>
  files.some((f) => f === `data/${dataset}.csv` || f.startsWith(`data/${dataset}/`));

describe("sync-nightly.yml, rehearsed", () => {
  it("a night with new data opens the data PR; the 14:00 activity-only run finds nothing new", SLOW, async () => {
    const s = await world("good");
    const r1 = await s.run("sync-nightly.yml", NIGHTLY, 101);
    expect(failedLogs(r1)).toBe("");
    expect(outcomes(r1.sync)).toMatchInlineSnapshot(`
      [
        "Run actions/checkout: success",
        "Run actions/setup-node: success",
        "Run npm ci: success",
        "Plan the datasets of this run: success",
        "Carry the open data PR's data forward: success",
        "Azure login (OIDC, no client secret): success",
        "Sync Kusto: success",
        "Sync GitHub: success",
        "Derive the learning journey: success",
        "Aggregate: success",
        "Data diff: success",
        "Keep the full diff (the PR body points to it when cut): success",
        "Hand the synced data and the diff to the publish job: success",
        "Upload the synced data: success",
        "Keep the run record for the deploy workflow: success",
      ]
    `);
    expect(outcomes(r1.publish)).toMatchInlineSnapshot(`
      [
        "GitHub App token (so the data PR triggers CI): skipped",
        "Run actions/checkout: success",
        "Download the synced data: success",
        "Commit, push and open or update the data PR: success",
      ]
    `);
    // the actions' own job summaries and log groups
    expect(r1.sync?.summary).toMatch(/Kusto sync/);
    expect(r1.sync?.summary).toMatch(/GitHub sync/);
    expect(r1.sync?.steps.find((x) => x.id === "kusto")?.log).toMatch(/::group::kusto: individual_exams/);
    const pr = s.sim.github.state.pulls.find((p) => p.state === "open");
    expect(pr?.title).toBe("Data sync 2026-11-25");
    expect(pr?.autoMerge?.mergeMethod).toBe("SQUASH");
    const files = s.branchFiles();
    expect(files.every((f) => f.startsWith("data/"))).toBe(true);
    // month-partitioned datasets: the months that changed
    for (const d of ["individual_exams", "github_activity"]) expect(touches(files, d), d).toBe(true);

    // one run record for the whole run (three sync steps), as the deploy downloads it
    const record = JSON.parse(
      readFileSync(join(suite.root, "good", "artifacts", "101", "sync-run", "sync-run.json"), "utf8"),
    ) as { datasets: Record<string, unknown> };
    expect(Object.keys(record.datasets)).toEqual(
      expect.arrayContaining(["individual_exams", "github_activity", "journey_complete"]),
    );
    const r2 = await s.run("sync-nightly.yml", { event: "schedule", schedule: "0 14 * * *" }, 102);
    expect(failedLogs(r2)).toBe("");
    expect(planOf(r2)).toMatchObject({ kusto: "", github: "github_activity" });
    expect(outcomes(r2.sync)).toContain("Azure login (OIDC, no client secret): skipped");
    expect(outcomes(r2.sync)).toContain("Sync Kusto: skipped");
    expect(r2.sync?.steps.find((x) => x.id === "prepare")?.outputs.from).toBe("pr-branch");
    expect(r2.publish?.steps.at(-1)?.outputs.committed).toBe("false");
    expect(s.sim.github.state.pulls.filter((p) => p.state === "open")).toHaveLength(1);
  });

  it(
    "a failed Azure login fails the Kusto datasets, files the failure issue, and the GitHub datasets still reach the PR",
    SLOW,
    async () => {
      const s = await world("azure");
      const r = await s.run("sync-nightly.yml", NIGHTLY, 201, {
        standIns: { "azure/login": failing([], "AADSTS700213: No matching federated identity record found") },
      });
      expect(outcomes(r.sync)).toContain("Azure login (OIDC, no client secret): failure");
      expect(outcomes(r.sync)).toContain("Sync Kusto: failure");
      expect(outcomes(r.sync)).toContain("Sync GitHub: success");
      expect(r.sync?.result).toBe("failure");
      expect(outcomes(r.publish)).toContain("Commit, push and open or update the data PR: success");
      expect(r.sync?.summary).toMatch(/individual_exams[^\n]*failed/);
      const files = s.branchFiles();
      expect(files).toContain("data/copilot_daily.csv");
      expect(touches(files, "github_activity")).toBe(true);
      expect(touches(files, "individual_exams")).toBe(false);
      const pr = s.sim.github.state.pulls.find((p) => p.state === "open");
      expect(pr?.autoMerge).toBeNull();
      const issue = s.sim.github.state.issues.find((i) => i.labels.includes("sync-failure"));
      expect(issue?.state).toBe("open");
      expect(issue?.body).toMatch(/individual_exams/);
    },
  );

  it(
    "a refused dataset keeps its committed file, the others reach the PR, auto-merge stays off (dispatch source=kusto)",
    SLOW,
    async () => {
      const drift = {
        route: "kusto:query",
        kind: "drift",
        change: "drop",
        column: "ItemType",
        table: "LearningEvents",
      } as const;
      const s = await world("refused", { faults: { faults: [drift] } });
      const inputs = { source: "kusto", datasets: "learning_activity,individual_exams" };
      const r = await s.run("sync-nightly.yml", { event: "workflow_dispatch", inputs }, 301);
      expect(planOf(r)).toMatchObject({ kusto: "individual_exams,learning_activity", github: "", journey: "false" });
      expect(outcomes(r.sync)).toContain("Sync Kusto: failure");
      expect(outcomes(r.sync)).toContain("Sync GitHub: skipped");
      expect(r.sync?.steps.find((x) => x.id === "kusto")?.log).toMatch(/::error title=learning_activity refused::/);
      const files = s.branchFiles();
      expect(touches(files, "individual_exams")).toBe(true);
      expect(touches(files, "learning_activity")).toBe(false);
      expect(s.sim.github.state.pulls.find((p) => p.state === "open")?.autoMerge).toBeNull();
      expect(s.sim.github.state.issues.find((i) => i.labels.includes("sync-failure"))?.body).toMatch(
        /learning_activity/,
      );
    },
  );
});
