/**
 * The architecture check: every import of every source file against the dependency table of docs/architecture.md,
 * plus the path rules (`#core/...` from outside core/, relative inside it, every local import resolves) and no
 * cycles between folders. Pure over a set of files, so a test can run it on a synthetic tree too.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type ImportsMap, importsOf, resolve } from "./imports.ts";
import { allowance, allowed, parseRules, type Rule, unitOf } from "./rules.ts";

export interface Tree {
  /** repository-relative path → source text, for every file whose imports are checked */
  readonly files: ReadonlyMap<string, string>;
  /** whether a repository-relative path exists (imports may reach files that are not checked: JSON, .kql) */
  readonly exists: (path: string) => boolean;
  readonly imports: ImportsMap;
  readonly rules: readonly Rule[];
}

export interface Report {
  /** one sentence per forbidden import, unresolved import or folder cycle */
  readonly violations: string[];
  /** folder → the folders it imports (cross-folder edges only) */
  readonly edges: ReadonlyMap<string, ReadonlySet<string>>;
}

const CORE = "core/";

/** Check every import of `tree`; the report lists each violation as one readable sentence. */
export function checkTree(tree: Tree): Report {
  const violations: string[] = [];
  const edges = new Map<string, Set<string>>();
  for (const [path, text] of tree.files) {
    const from = unitOf(path, tree.rules);
    if (!from) {
      violations.push(`${path} is in no folder of the table in docs/architecture.md`);
      continue;
    }
    for (const { specifier, line } of importsOf(path, text)) {
      const where = `${path}:${line}`;
      const target = resolve(path, specifier, tree.imports, tree.exists);
      if (target.kind === "unmapped")
        violations.push(`${where} imports "${specifier}": no package.json "imports" entry`);
      if (target.kind === "missing")
        violations.push(`${where} imports "${specifier}", which resolves to ${target.path}: no such file`);
      if (target.kind !== "file") continue;
      const inCore = target.path.startsWith(CORE);
      if (inCore && from.folder !== CORE && target.via === "relative")
        violations.push(`${where} imports core/ by the relative path "${specifier}": use "#${target.path}"`);
      if (inCore && from.folder === CORE && target.via === "imports")
        violations.push(`${where} imports "${specifier}" from inside core/: core/ imports itself by relative paths`);
      const to = unitOf(target.path, tree.rules);
      if (!to) {
        violations.push(`${where} imports ${target.path}, which is in no folder of the table`);
        continue;
      }
      if (to.folder === from.folder) continue;
      if (!allowed(from, to))
        violations.push(`${where} imports ${target.path}: ${from.folder} may import ${allowance(from.rule)}`);
      const set = edges.get(from.folder) ?? new Set<string>();
      set.add(to.folder);
      edges.set(from.folder, set);
    }
  }
  for (const cycle of cycles(edges)) violations.push(`folders import each other in a cycle: ${cycle.join(", ")}`);
  return { violations, edges };
}

/** The strongly connected groups of more than one folder (Tarjan), each sorted. */
export function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) ?? 0);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      group.push(w);
      if (w === v) break;
    }
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) connect(v);
  return groups;
}

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
/** bundles and generated declarations: not written by hand, not checked */
const GENERATED = [/(^|\/)dist\//, /(^|\/)generated\//, /^worker\/worker-configuration\.d\.ts$/];

/** The working tree at `root`: tracked and untracked-but-not-ignored source files, the table, package.json imports. */
export function repositoryTree(root: string): Tree {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    cwd: root,
    encoding: "utf8",
  }).split("\0");
  const files = new Map<string, string>();
  for (const path of listed) {
    if (!SOURCE.test(path) || GENERATED.some((g) => g.test(path))) continue;
    const abs = join(root, path);
    if (existsSync(abs)) files.set(path, readFileSync(abs, "utf8"));
  }
  const pkg: { imports?: ImportsMap } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return {
    files,
    exists: (path) => statSync(join(root, path), { throwIfNoEntry: false })?.isFile() === true,
    imports: pkg.imports ?? {},
    rules: parseRules(readFileSync(join(root, "docs/architecture.md"), "utf8")),
  };
}
