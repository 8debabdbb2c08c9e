/**
 * `npm run test:security [-- --node-only]`: the security suite (docs/operating.md, "Security suite"). Runs
 * test/security/ (Node project; the same files run inside `npm test`) and the worker's attack tests under workerd,
 * then prints one tally line, `security: N attacks tried, N stopped`, with the attacks per file. Every test is one
 * attack; a failing test is an attack that got through, and the exit code is 1.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseCli } from "#core/args.ts";
import { REPO_ROOT } from "#core/schema.ts";

/**
 * Attacks tested beside their features (run when the file exists, only the tests whose name matches): the attacker's
 * solver audit on the committed data, the hijacked data-sync branch, and the split workflow privileges.
 */
const NODE_EXTRA: readonly (readonly [file: string, test: string])[] = [
  ["test/privacy/audit.test.ts", "the committed data"],
  ["test/actions/open-data-pr/flow.test.ts", "hijacked data branch"],
  ["test/scripts/workflows.test.ts", "keeps id-token and write scopes in different jobs"],
];
/** Worker-side attack files (workerd): headers, caching, the demo token, KQL injection, CORS, secrets, sign-in and sessions. */
const WORKER_FILES = [
  "test/worker/public-answers.test.ts",
  "test/worker/security.test.ts",
  "test/worker/profile-attacks.test.ts",
  "test/worker/access-attacks.test.ts",
];

interface Assertion {
  readonly title: string;
  readonly status: string;
}
interface FileResult {
  readonly name: string;
  readonly assertionResults: readonly Assertion[];
}

function vitest(project: string, files: readonly string[], only?: string): FileResult[] {
  const dir = mkdtempSync(join(tmpdir(), "ace-security-"));
  const out = join(dir, "results.json");
  try {
    const args = ["run", "--project", project, "--reporter=dot", "--reporter=json", `--outputFile.json=${out}`];
    if (only !== undefined) args.push("-t", only);
    const r = spawnSync(
      process.execPath,
      [join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs"), ...args, ...files],
      {
        cwd: REPO_ROOT,
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    if (!existsSync(out)) throw new Error(`vitest (${project}) produced no results (exit ${r.status})`);
    return (JSON.parse(readFileSync(out, "utf8")) as { testResults: FileResult[] }).testResults;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): number {
  const { values } = parseCli(process.argv.slice(2), {
    usage: `usage: npm run test:security -- [--node-only]
  --node-only       only the Node project's attacks (not the worker's, under workerd)
  -h, --help        print this help and exit
`,
    options: { "node-only": { type: "boolean", default: false } },
  });
  const results = [...vitest("node", ["test/security"])];
  const extra = NODE_EXTRA.filter(([f]) => existsSync(join(REPO_ROOT, f)));
  if (extra.length > 0) {
    const pattern = extra.map(([, t]) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
    results.push(
      ...vitest(
        "node",
        extra.map(([f]) => f),
        pattern,
      ),
    );
  }
  if (!values["node-only"]) results.push(...vitest("worker", WORKER_FILES));
  let tried = 0;
  let stopped = 0;
  const lines: string[] = [];
  for (const f of results) {
    const all = f.assertionResults.filter((a) => a.status !== "skipped" && a.status !== "pending");
    const ok = all.filter((a) => a.status === "passed").length;
    tried += all.length;
    stopped += ok;
    lines.push(`  ${relative(REPO_ROOT, f.name)}: ${all.length} tried, ${ok} stopped`);
    for (const a of all) if (a.status !== "passed") lines.push(`    ✖ got through: ${a.title}`);
  }
  console.log(lines.join("\n"));
  console.log(`security: ${tried} attacks tried, ${stopped} stopped`);
  return tried > 0 && tried === stopped ? 0 : 1;
}

process.exitCode = main();
