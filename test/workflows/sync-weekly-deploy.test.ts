/**
 * sync-weekly.yml, a manual sync-nightly.yml run (source=github, chosen datasets) and deploy.yml, rehearsed from
 * their YAML (runner.ts) against the simulators at scale S, the night after the committed data. The deploy runs as
 * GitHub starts it after the weekly sync (workflow_run, that run's `sync-run` artifact), through `npm run build`,
 * Pages, `npm run build:worker` and `wrangler deploy --dry-run` (offline) as the stand-in for the deploy itself.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { failedLogs, outcomes, planOf, rehearsalSuite, SLOW, workflow } from "./kit.ts";

const suite = rehearsalSuite("weekly");
const world = suite.world;

const WORKER_URL = "https://ace-data-worker.ace-demo.workers.dev";
const WRANGLER = "npx wrangler deploy --config worker/wrangler.jsonc";
/** The deploy's last step, made a dry run that writes the bundle under $RUNNER_TEMP (nothing leaves the machine). */
function dryRun(script: string): string {
  return script.includes(WRANGLER)
    ? script.replace(WRANGLER, `${WRANGLER} --dry-run --outdir "$RUNNER_TEMP/worker-bundle"`)
    : script;
}

describe("sync-weekly.yml, a manual GitHub-only sync, and deploy.yml, rehearsed", () => {
  it(
    "weekly: Skills and the journey reach the PR; the deploy it triggers builds the site and the worker",
    SLOW,
    async () => {
      const s = await world("weekly");
      const r = await s.run("sync-weekly.yml", { event: "schedule", schedule: "0 3 * * 1" }, 501);
      expect(failedLogs(r)).toBe("");
      expect(planOf(r)).toMatchObject({ kusto: "", github: "skills_courses,skills_enrollments", journey: "true" });
      expect(outcomes(r.sync)).toContain("Azure login (OIDC, no client secret): skipped");
      expect(outcomes(r.sync)).toContain("Warn before GitHub pauses the schedules (60 days without activity): success");
      expect(r.sync?.summary).toMatch(/scheduled workflows pause after 60 days/);
      expect(s.branchFiles()).toEqual(expect.arrayContaining(["data/skills_courses.csv"]));
      expect(s.branchFiles().every((f) => f.startsWith("data/"))).toBe(true);
      expect(s.sim.github.state.pulls.filter((p) => p.state === "open")).toHaveLength(1);

      const vars = { DEPLOY_WORKER: "true", SITE_WORKER_URL: WORKER_URL };
      const trigger = {
        event: "workflow_run",
        payload: { workflow_run: { id: 501, name: "Sync (weekly)", conclusion: "success" } },
      } as const;
      const d = await s.run("deploy.yml", trigger, 601, { vars, rewrite: dryRun });
      expect(failedLogs(d)).toBe("");
      expect(Object.fromEntries(Object.entries(d).map(([k, j]) => [k, j.result]))).toEqual({
        build: "success",
        pages: "success",
        worker: "success",
      });
      expect(outcomes(d.build)).toContain("Run record of the sync that triggered this deploy: success");
      const site = join(d.build?.workspace ?? "", "site", "_site");
      const html = readdirSync(site, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
      expect(html.some((f) => readFileSync(join(site, f), "utf8").includes(WORKER_URL))).toBe(true);
      const worker = d.worker?.steps.at(-1);
      expect(worker?.log).toContain("--dry-run: exiting now.");
      expect(existsSync(join(d.worker?.workspace ?? "", "worker", "generated", "assets", "sync_status.json"))).toBe(
        true,
      );
    },
  );

  it(
    "deploy.yml without the worker's asset build fails the worker job, naming the missing directory",
    SLOW,
    async () => {
      const s = await world("no-assets");
      const text = readFileSync(workflow("deploy.yml"), "utf8");
      const step = /\n {6}- name: Build the worker's Static Assets[^\n]*\n {8}run: npm run build:worker\n/.exec(text);
      expect(step).not.toBeNull();
      const broken = join(suite.root, "deploy-without-assets.yml");
      writeFileSync(broken, text.replace(step?.[0] ?? "", "\n"));
      const d = await s.run(broken, { event: "workflow_dispatch" }, 701, {
        vars: { DEPLOY_WORKER: "true" },
        rewrite: dryRun,
        only: ["worker"],
      });
      expect(d.worker?.result).toBe("failure");
      // wrangler: 'The directory specified by the "assets.directory" field in your configuration file does not exist'
      expect(d.worker?.steps.at(-1)?.log).toMatch(
        /"assets\.directory" field in your configuration file does not exist/,
      );
    },
  );

  it("a manual run with source=github and datasets syncs only those, and they reach the PR", SLOW, async () => {
    const s = await world("dispatch");
    const inputs = { source: "github", datasets: "copilot_daily,copilot_languages" };
    const r = await s.run("sync-nightly.yml", { event: "workflow_dispatch", inputs }, 801);
    expect(failedLogs(r)).toBe("");
    expect(planOf(r)).toMatchObject({ kusto: "", github: "copilot_daily,copilot_languages", journey: "false" });
    expect(outcomes(r.sync)).toContain("Sync Kusto: skipped");
    expect(outcomes(r.sync)).toContain("Derive the learning journey: skipped");
    const files = s.branchFiles().filter((f) => f.endsWith(".csv"));
    expect(files.sort()).toEqual(["data/copilot_daily.csv", "data/copilot_languages.csv"]);
    expect(s.sim.github.state.pulls.find((p) => p.state === "open")?.autoMerge?.mergeMethod).toBe("SQUASH");
  });

  it("a dry run syncs and diffs into the summary only: no data written, no publish job, no PR", SLOW, async () => {
    const s = await world("dry-run");
    const inputs = { source: "github", datasets: "skills_courses", "dry-run": true };
    const r = await s.run("sync-weekly.yml", { event: "workflow_dispatch", inputs }, 901);
    expect(failedLogs(r)).toBe("");
    expect(outcomes(r.sync)).toEqual(
      expect.arrayContaining([
        "Sync GitHub: success",
        "Aggregate: skipped",
        "Data diff: success",
        "Upload the synced data: skipped",
        "Keep the run record for the deploy workflow: skipped",
      ]),
    );
    expect(r.sync?.summary).toMatch(/skills_courses/);
    expect(r.publish?.result).toBe("skipped");
    expect(s.branchFiles()).toEqual([]);
    expect(s.sim.github.state.pulls).toHaveLength(0);
  });
});
