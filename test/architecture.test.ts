/**
 * The rules of docs/architecture.md check themselves: every import of every source file (read with the TypeScript
 * compiler) against the doc's dependency table, no folder cycles, `#core/...` paths that resolve, no relative path
 * into core/. The checker is proved on a synthetic tree first, so a pass on the real tree means something.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { checkTree, cycles, repositoryTree, type Tree } from "./harness/architecture/check.ts";
import { importsOf } from "./harness/architecture/imports.ts";
import { parseRules, type Rule, unitOf } from "./harness/architecture/rules.ts";

const DOC = readFileSync(`${REPO_ROOT}/docs/architecture.md`, "utf8");
const RULES = parseRules(DOC);

function synthetic(files: Record<string, string>, extra: string[] = []): Tree {
  const paths = new Set([...Object.keys(files), ...extra]);
  return {
    files: new Map(Object.entries(files)),
    exists: (p) => paths.has(p),
    imports: { "#core/*": "./core/*" },
    rules: RULES,
  };
}

describe("the import reader", () => {
  it("sees static, type-only, re-exported, dynamic, import-type and require imports, and no strings or regexes", () => {
    const text = [
      `import a from "./a.ts";`,
      `import type { B } from "./b.ts";`,
      `export { c } from "./c.ts";`,
      `export * from "./d.ts";`,
      `const e = await import("./e.ts");`,
      `type F = typeof import("./f.ts");`,
      `import g = require("./g.ts");`,
      `const s = 'import x from "./not-an-import.ts"';`,
      `const r = /^import "\\.\\.\\/shared\\/heap\\.ts";/;`,
    ].join("\n");
    expect(importsOf("x.ts", text).map((i) => i.specifier)).toEqual([
      "./a.ts",
      "./b.ts",
      "./c.ts",
      "./d.ts",
      "./e.ts",
      "./f.ts",
      "./g.ts",
    ]);
  });
});

describe("the table of docs/architecture.md", () => {
  const ruleOf = (path: string): Rule | undefined => unitOf(path, RULES)?.rule;

  it("is read strictly: a folder or an allowance without its trailing slash is an error, not a looser rule", () => {
    const table = (folder: string, allowed: string) =>
      `## Folders and what they may import\n\n| folder | what | may import |\n|---|---|---|\n| ${folder} | x | ${allowed} |\n`;
    expect(parseRules(table("`site/`", "`core/`, `sim/world/`"))).toEqual([
      { folders: ["site/"], mayImport: ["core/", "sim/world/"] },
    ]);
    expect(() => parseRules(table("`site`", "`core/`"))).toThrow(/must end with "\/"/);
    expect(() => parseRules(table("`site/`", "`core`"))).toThrow(/must end with "\/"/);
  });

  it("puts each file in its most specific folder", () => {
    expect(unitOf("actions/sync-core/src/run.ts", RULES)?.folder).toBe("actions/sync-core/");
    expect(unitOf("actions/aggregate/src/main.ts", RULES)?.folder).toBe("actions/aggregate/");
    expect(unitOf("sim/world/index.ts", RULES)?.folder).toBe("sim/world/");
    expect(unitOf("sim/start.ts", RULES)?.folder).toBe("sim/");
    expect(unitOf("test/harness/sync-kusto.ts", RULES)?.folder).toBe("test/harness/");
    expect(unitOf("vitest.config.ts", RULES)?.folder).toBe("./");
    expect(unitOf("docs/x.ts", RULES)).toBeUndefined();
  });

  it("keeps the standing rules: core/ imports only packages, sim/world no action, products no scaffolding", () => {
    expect(ruleOf("core/schema.ts")?.mayImport).toEqual([]);
    expect(ruleOf("sim/world/index.ts")?.mayImport.some((p) => p === "*" || p.startsWith("actions"))).toBe(false);
    const scaffolding = ["sim/", "test/", "bench/"];
    for (const rule of RULES) {
      if (rule.folders.every((f) => scaffolding.some((s) => f.startsWith(s)))) continue;
      const reaches = rule.mayImport.filter((p) => p === "*" || scaffolding.some((s) => p.startsWith(s)));
      expect({ folders: rule.folders, reaches }).toEqual({ folders: rule.folders, reaches: [] });
    }
  });
});

describe("the checker bites", () => {
  it("reports a forbidden import with the file, the target and the rule", () => {
    const tree = synthetic({ "worker/src/bad.ts": `import { createWorld } from "../../sim/world/index.ts";\n` }, [
      "sim/world/index.ts",
    ]);
    expect(checkTree(tree).violations).toEqual([
      "worker/src/bad.ts:1 imports sim/world/index.ts: worker/ may import core/ only",
    ]);
  });

  it("reports one action importing another, and a sync normalizer in the world", () => {
    const tree = synthetic(
      {
        "actions/sync-kusto/src/main.ts": `export { journeySource } from "../../derive-journey/src/source.ts";\n`,
        "sim/world/goldens.ts": `\nconst n = await import("../../actions/sync-kusto/src/normalize/exams.ts");\n`,
      },
      ["actions/derive-journey/src/source.ts", "actions/sync-kusto/src/normalize/exams.ts"],
    );
    expect(checkTree(tree).violations).toEqual([
      "actions/sync-kusto/src/main.ts:1 imports actions/derive-journey/src/source.ts: " +
        "actions/sync-kusto/ may import core/, actions/sync-core/ only",
      "sim/world/goldens.ts:2 imports actions/sync-kusto/src/normalize/exams.ts: sim/world/ may import core/ only",
    ]);
  });

  it("reports #core paths that lead nowhere, relative paths into core/ and #core inside core/", () => {
    const tree = synthetic(
      {
        "site/_lib/a.ts": `import type { X } from "#core/nowhere.ts";\nimport { y } from "../../core/csv.ts";\n`,
        "core/status.ts": `import { z } from "#core/csv.ts";\n`,
        "core/csv.ts": "export const y = 1;\n",
      },
      [],
    );
    expect(checkTree(tree).violations).toEqual([
      `site/_lib/a.ts:1 imports "#core/nowhere.ts", which resolves to core/nowhere.ts: no such file`,
      `site/_lib/a.ts:2 imports core/ by the relative path "../../core/csv.ts": use "#core/csv.ts"`,
      `core/status.ts:1 imports "#core/csv.ts" from inside core/: core/ imports itself by relative paths`,
    ]);
  });

  it("reports folder cycles", () => {
    const edges = new Map([
      ["a/", new Set(["b/"])],
      ["b/", new Set(["c/"])],
      ["c/", new Set(["a/"])],
      ["d/", new Set(["a/"])],
    ]);
    expect(cycles(edges)).toEqual([["a/", "b/", "c/"]]);
  });
});

describe("the actions", () => {
  const actions = readdirSync(`${REPO_ROOT}/actions`).filter((a) => existsSync(`${REPO_ROOT}/actions/${a}/action.yml`));

  it("each has the typescript-action shape: index.ts calls run() of main.ts, and a main.test.ts drives it", () => {
    expect(actions.length).toBeGreaterThanOrEqual(6);
    for (const a of actions) {
      const src = `${REPO_ROOT}/actions/${a}/src`;
      const index = readFileSync(`${src}/index.ts`, "utf8");
      expect(
        importsOf("index.ts", index).map((i) => i.specifier),
        a,
      ).toContain("./main.ts");
      expect(index, a).toMatch(/^(await|void) run\(\);$/m);
      expect(readFileSync(`${src}/main.ts`, "utf8"), a).toMatch(/^export async function run\(/m);
      expect(existsSync(`${REPO_ROOT}/test/actions/${a}/main.test.ts`), `test/actions/${a}/main.test.ts`).toBe(true);
    }
  });
});

describe("the repository", () => {
  it("keeps every rule of docs/architecture.md", () => {
    const report = checkTree(repositoryTree(REPO_ROOT));
    expect(report.violations).toEqual([]);
    // the check saw the real tree: the actions and the worker do reach core/
    expect(report.edges.get("actions/sync-core/")?.has("core/")).toBe(true);
    expect(report.edges.get("worker/")?.has("core/")).toBe(true);
  });
});
