import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { actionNames, staleActions } from "../../scripts/build-actions.ts";

describe("bundled actions", () => {
  it("every action's committed dist/index.js is byte-identical to a fresh build (run npm run build:actions)", async () => {
    expect(await staleActions()).toEqual([]);
  });

  it("every action runs its bundle on node24 and describes every input", () => {
    for (const name of actionNames()) {
      const yml = readFileSync(join(REPO_ROOT, "actions", name, "action.yml"), "utf8");
      expect(yml, name).toMatch(/using: node24\s+main: dist\/index\.js/);
      const inputs = yml.split(/^outputs:/m)[0]?.split(/^inputs:/m)[1] ?? "";
      const names = [...inputs.matchAll(/^ {2}([a-z][a-z0-9-]*):\s*$/gm)].map((m) => m[1]);
      const described = [...inputs.matchAll(/^ {4}description:/gm)].length;
      expect(described, `${name}: inputs ${names.join(", ")}`).toBe(names.length);
    }
  });
});
