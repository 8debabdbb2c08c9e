/**
 * Every command answers like Node's own (core/args.ts): `-h` prints its usage on stdout and exits 0 having changed
 * no file, `-x` and a stray positional exit 2 with the usage on stderr. The commands are every npm script of
 * package.json but `test` (read from it, so a new script is covered the day it is added) plus the CLIs run by path.
 * Each runs as `process.execPath [node flags] FILE [its script's arguments] ARGS`, a few at a time, bounded.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";

interface Command {
  readonly name: string;
  readonly nodeArgs: readonly string[];
  readonly file: string;
  readonly args: readonly string[];
  /** positionals the command refuses (a command documenting positionals is given too many, or a bad one) */
  readonly stray: readonly string[];
}

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `[exec] node [node flags] FILE [args]` of every npm script but `test` (a script running another tool, such as
 * `wrangler types`, answers as that tool does; `exec` lets a long-running script receive npm's SIGTERM). */
function npmCommands(): Command[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  return Object.entries(pkg.scripts)
    .map(([name, line]) => [name, line.replace(/^exec /, "")] as const)
    .filter(([name, line]) => name !== "test" && line.startsWith("node "))
    .map(([name, line]) => {
      const words = line.split(/\s+/);
      const at = words.findIndex((w, i) => i > 0 && !w.startsWith("-"));
      return {
        name: `npm run ${name}`,
        nodeArgs: words.slice(1, at),
        file: words[at] ?? "",
        args: words.slice(at + 1),
        stray: ["foo"],
      };
    });
}

const byPath = (file: string, stray: readonly string[] = ["foo"]): Command => ({
  name: `node ${file}`,
  nodeArgs: [],
  file,
  args: [],
  stray,
});

/** One entry per distinct command line (two scripts running the same one are tested once, under both names). */
function distinct(commands: readonly Command[]): Command[] {
  const by = new Map<string, Command>();
  for (const c of commands) {
    const key = [...c.nodeArgs, c.file, ...c.args].join(" ");
    const seen = by.get(key);
    by.set(key, seen ? { ...seen, name: `${seen.name}, ${c.name}` } : c);
  }
  return [...by.values()];
}

const COMMANDS: readonly Command[] = distinct([
  ...npmCommands(),
  byPath("scripts/sync-plan.ts"),
  byPath("bench/site.ts"),
  byPath("bench/suppression-report.ts"),
  byPath("bench/worker.ts"),
  byPath("bench/aggregate-kusto.ts"),
  byPath("bench/kusto-replay/index.ts"),
  // take exactly one FILE
  byPath("bench/kusto-replay/anchor.ts", ["a.json", "b.json"]),
  byPath("bench/kusto-replay/floor.ts", ["a.json", "b.json"]),
]);

/** Commands that document positionals: a bad one is refused by the command itself (exit 2, its own message). */
const TAKES_POSITIONALS = new Set(["scripts/build-actions.ts"]);

/** Outputs a command could write that git does not show (ignored), besides data/ (walked file by file). */
const IGNORED_OUTPUTS = ["site/_site", "worker/generated", "bench/cache", "bench/out", "docs/screenshots", ".wrangler"];

function snapshot(): { git: string; mtimes: Map<string, number> } {
  const git = execFileSync("git", ["status", "--porcelain=v1", "--untracked-files=all"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  const data = readdirSync(join(REPO_ROOT, "data"), { recursive: true }).map((p) => join("data", String(p)));
  const mtimes = new Map<string, number>();
  for (const p of ["data", ...data, ...IGNORED_OUTPUTS]) {
    const abs = join(REPO_ROOT, p);
    mtimes.set(p, existsSync(abs) ? statSync(abs).mtimeMs : -1);
  }
  return { git, mtimes };
}

function run(cmd: readonly string[], args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const [exe = "", ...rest] = cmd;
    const child = spawn(exe, [...rest, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `jobs` with at most `limit` at a time. */
async function inPool<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) {
      const job = jobs[i];
      if (job) out[i] = await job();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}

const CASES = ["-h", "-x", "stray"] as const;
const results = new Map<string, Outcome>();
const viaNpm = new Map<string, Outcome>();
let before: ReturnType<typeof snapshot>;
let after: ReturnType<typeof snapshot>;

beforeAll(async () => {
  before = snapshot();
  const jobs = COMMANDS.flatMap((c) =>
    CASES.map((k) => async () => {
      const args = k === "stray" ? c.stray : [k];
      results.set(`${c.name} ${k}`, await run([process.execPath, ...c.nodeArgs, c.file, ...c.args], args));
    }),
  );
  // the issue's own words: through npm itself (npm puts node_modules/.bin, this project's Node, first on PATH)
  const npm = (["-h", "-x", "foo"] as const).map((a) => async () => {
    viaNpm.set(a, await run(["npm", "run", "--silent", "sync", "--"], [a]));
  });
  await inPool([...jobs, ...npm], 3);
  after = snapshot();
}, 600_000);

it("covers every file that reads process.argv (test files and the site fixture's helper excepted)", () => {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter(
      (f) =>
        f !== "" && !f.endsWith(".test.ts") && f !== "test/harness/site/fixture.ts" && existsSync(join(REPO_ROOT, f)),
    )
    .filter((f) => readFileSync(join(REPO_ROOT, f), "utf8").includes("process.argv"));
  const covered = new Set(COMMANDS.map((c) => c.file));
  expect(files.filter((f) => !covered.has(f))).toEqual([]);
});

describe.each(COMMANDS)("$name", (c) => {
  it("-h prints the usage on stdout and exits 0", () => {
    const r = results.get(`${c.name} -h`);
    expect(r?.stderr).toBe("");
    expect(r?.stdout).toMatch(/^usage: /);
    expect(r?.stdout).toMatch(/-h, --help/);
    expect(r?.code).toBe(0);
  });

  it("-x exits 2 with the error and the usage on stderr", () => {
    const r = results.get(`${c.name} -x`);
    expect(r?.stdout).toBe("");
    expect(r?.stderr).toMatch(/^error: Unknown option '-x'/);
    expect(r?.stderr).toMatch(/\nusage: /);
    expect(r?.code).toBe(2);
  });

  it(`a stray positional (${c.stray.join(" ")}) exits 2`, () => {
    const r = results.get(`${c.name} stray`);
    expect(r?.stdout).toBe("");
    expect(r?.stderr).toMatch(TAKES_POSITIONALS.has(c.file) ? new RegExp(c.stray.at(-1) ?? "") : /\nusage: /);
    expect(r?.code).toBe(2);
  });
});

describe("npm run sync (the issue's done-when, through npm)", () => {
  it("-h prints the usage and exits 0; -x and foo exit 2", () => {
    expect(viaNpm.get("-h")?.stdout).toMatch(/^usage: npm run sync -- \[--kusto-only\|--github-only\]/);
    expect(viaNpm.get("-h")?.code).toBe(0);
    expect(viaNpm.get("-x")?.code).toBe(2);
    expect(viaNpm.get("foo")?.code).toBe(2);
    expect(viaNpm.get("foo")?.stderr).toMatch(/Unexpected argument 'foo'/);
  });
});

it("changes no file: git status, data/ (sync_status.json included) and the ignored outputs are as they were", () => {
  expect(after.mtimes.get("data/sync_status.json")).toBe(before.mtimes.get("data/sync_status.json"));
  expect(after.git).toBe(before.git);
  expect(Object.fromEntries(after.mtimes)).toEqual(Object.fromEntries(before.mtimes));
});
