/**
 * The sync actions keep the memory behaviour of `npm run sync` (`node --heap-growing-percent=50`, docs/sync.md): the
 * runner starts `node dist/index.js` without flags and NODE_OPTIONS refuses this V8 flag, so each sync action's entry
 * imports core/heap.ts first, which sets it before anything is allocated; the committed bundle carries it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEAP_GROWING_FLAG, YOUNG_GENERATION_FLAG } from "#core/heap.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { loadWorkflow } from "./parse.ts";

const SYNC_ACTIONS = ["sync-kusto", "sync-github", "derive-journey"];

describe("the sync actions bound V8's heap growth like npm run sync", () => {
  it("uses the flag of the npm script", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.sync).toContain(HEAP_GROWING_FLAG);
    expect(pkg.scripts.sync).toContain(YOUNG_GENERATION_FLAG);
  });

  it.each(["sync-nightly.yml", "sync-weekly.yml"])(
    "%s caps the young generation of the Kusto sync step in NODE_OPTIONS (V8 sizes it at start)",
    async (file) => {
      const { template } = await loadWorkflow(join(REPO_ROOT, ".github", "workflows", file));
      const found: string[] = [];
      for (const job of template.jobs)
        for (const step of "steps" in job ? job.steps : []) {
          if (!("uses" in step) || step.uses.value !== "./actions/sync-kusto") continue;
          const env = step.env;
          for (let i = 0; env !== undefined && i < env.count; i++) {
            const pair = env.get(i);
            if (pair.key.toString() === "NODE_OPTIONS") found.push(pair.value.toString());
          }
        }
      expect(found).toEqual([YOUNG_GENERATION_FLAG]);
    },
  );

  it.each(SYNC_ACTIONS)("%s imports heap.ts before anything else, and its bundle sets the flag", (name) => {
    const entry = readFileSync(join(REPO_ROOT, "actions", name, "src", "index.ts"), "utf8");
    expect(entry.split("\n")[0]).toMatch(/^import "#core\/heap\.ts";/);
    const dist = process.env.REHEARSAL_DIST; // as the rehearsal: bundles built elsewhere while developing
    const bundle = readFileSync(
      dist ? join(dist, name, "index.js") : join(REPO_ROOT, "actions", name, "dist", "index.js"),
      "utf8",
    );
    // (a boolean: the bundle is megabytes; a failure means it is not rebuilt: npm run build:actions)
    expect(
      bundle.includes(`setFlagsFromString(${JSON.stringify(HEAP_GROWING_FLAG)})`) || bundle.includes(HEAP_GROWING_FLAG),
      `actions/${name}/dist`,
    ).toBe(true);
  });
});
