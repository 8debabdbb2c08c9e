/**
 * How the rehearsal executes one step, as the runner does: a node24 action as `node <main>` with INPUT_* variables
 * (declared inputs only, defaults from action.yml), a `run:` script with `bash --noprofile --norc -eo pipefail`, and
 * the runner's file commands (GITHUB_OUTPUT, GITHUB_ENV) read back. `npm ci` is the one `run:` stand-in: the
 * repository's installed node_modules are linked in (no network).
 */
import { spawn } from "node:child_process";
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ActionTemplate } from "./parse.ts";
import { isBasicExpression } from "./parse.ts";

/** `name=value` lines and `name<<DELIM … DELIM` blocks (the runner's file-command format). */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] ?? "", i + 1);
      if (end < 0) throw new Error(`unterminated ${heredoc[1]}<<${heredoc[2]}`);
      out[heredoc[1] ?? ""] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
  }
  return out;
}

export function exec(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
): Promise<[number, string]> {
  return new Promise((done, fail) => {
    const p = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    p.stdout.on("data", (c: Buffer) => {
      log += c.toString();
    });
    p.stderr.on("data", (c: Buffer) => {
      log += c.toString();
    });
    p.on("error", fail);
    p.on("close", (code) => done([code ?? 1, log]));
  });
}

const inputEnvName = (id: string): string => `INPUT_${id.replace(/ /g, "_").toUpperCase()}`;

/** INPUT_* of a local action: `with:` values, else the action.yml defaults; an undeclared `with:` key fails. */
export function actionInputs(
  action: ActionTemplate,
  path: string,
  withs: Readonly<Record<string, string>>,
  evalDefault: (expression: string) => string,
): Record<string, string> {
  const declared = action.inputs ?? [];
  const unknown = Object.keys(withs).filter((k) => !declared.some((i) => i.id === k));
  if (unknown.length > 0) throw new Error(`${path} has no input(s) ${unknown.join(", ")}`);
  const env: Record<string, string> = {};
  for (const i of declared) {
    const d = i.default;
    const fallback = d === undefined ? "" : isBasicExpression(d) ? evalDefault(d.expression) : d.toString();
    env[inputEnvName(i.id)] = withs[i.id] ?? fallback;
  }
  return env;
}

/** `node <main>` of a node24 action (Node 24 from `nodeBin`); a missing main file fails the step. */
export function runNodeAction(
  nodeBin: string,
  main: string,
  workspace: string,
  env: Record<string, string>,
): Promise<[number, string]> {
  if (!existsSync(main)) throw new Error(`${main} does not exist`);
  return exec(join(nodeBin, "node"), [main], workspace, env);
}

/** A `run:` script in bash, or the `npm ci` stand-in. */
export async function runScript(
  script: string,
  file: string,
  workspace: string,
  env: Record<string, string>,
  nodeModules: string,
): Promise<[number, string]> {
  if (script.trim() === "npm ci") {
    if (!existsSync(join(workspace, "package-lock.json"))) throw new Error("npm ci: no package-lock.json");
    symlinkSync(nodeModules, join(workspace, "node_modules"));
    return [0, "npm ci (stand-in): linked the installed node_modules\n"];
  }
  writeFileSync(file, script);
  return exec("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], workspace, env);
}
