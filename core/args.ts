/**
 * Command-line arguments for every CLI of the project: `node:util` parseArgs in strict mode, plus the conventions of
 * Node's own commands — `-h`/`--help` prints the usage to stdout and exits 0 before anything else happens; an unknown
 * option, a positional the command does not document, or a missing value prints the error and the usage to stderr and
 * exits 2. Each CLI writes its own usage text (the command line, then one line per option).
 */
import { resolve } from "node:path";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { DEFAULT_DATA_DIR } from "./schema.ts";

export interface CliSpec<O extends ParseArgsOptionsConfig> {
  /** the whole usage text: `usage: npm run … -- [options]`, then one line per option */
  readonly usage: string;
  /** the options besides -h/--help (added to every command) */
  readonly options: O;
  /** only for a command whose usage documents positionals */
  readonly allowPositionals?: boolean;
}

const HELP = { help: { type: "boolean", short: "h" } } as const satisfies ParseArgsOptionsConfig;

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
>;

export interface Cli<O extends ParseArgsOptionsConfig> {
  readonly values: Parsed<O>["values"];
  readonly positionals: string[];
}

export type CliResult<O extends ParseArgsOptionsConfig> =
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string }
  | ({ readonly kind: "ok" } & Cli<O>);

/** Pure: what argv asks for. Errors of the arguments are a result; a wrong option table still throws. */
export function readCli<O extends ParseArgsOptionsConfig>(argv: readonly string[], spec: CliSpec<O>): CliResult<O> {
  if ("help" in spec.options) throw new Error("-h/--help is added to every command: do not declare it");
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...spec.options, ...HELP },
      strict: true,
      allowPositionals: spec.allowPositionals ?? false,
    });
  } catch (err) {
    if (isArgumentError(err)) return { kind: "error", message: err.message };
    throw err;
  }
  if (parsed.values.help === true) return { kind: "help" };
  // the values node:util typed for `options` (generic here, so TypeScript cannot follow it through the spread)
  return { kind: "ok", values: parsed.values as Parsed<O>["values"], positionals: parsed.positionals };
}

/**
 * The CLI's arguments, or the process ends here: usage on stdout and exit 0 for -h/--help, the error and the usage on
 * stderr and exit 2 for a bad argument. Call it first, before any side effect.
 */
export function parseCli<O extends ParseArgsOptionsConfig>(argv: readonly string[], spec: CliSpec<O>): Cli<O> {
  const r = readCli(argv, spec);
  const usage = spec.usage.endsWith("\n") ? spec.usage : `${spec.usage}\n`;
  if (r.kind === "help") {
    process.stdout.write(usage);
    process.exit(0);
  }
  if (r.kind === "error") {
    process.stderr.write(`error: ${r.message}\n\n${usage}`);
    process.exit(2);
  }
  return { values: r.values, positionals: r.positionals };
}

/** The `--data-dir DIR` option, for the commands that read or write a data directory. */
export const DATA_DIR_OPTION = { "data-dir": { type: "string" } } as const satisfies ParseArgsOptionsConfig;

/** `--data-dir DIR` resolved (default: the repository's data/). */
export function dataDir(values: { readonly "data-dir"?: string | undefined }): string {
  return resolve(values["data-dir"] ?? DEFAULT_DATA_DIR);
}

/** A whole-number option (`--people 300`) as a number; undefined when not given, an error naming the option if not a count. */
export function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** A comma-separated value (`--datasets a,b`) as its trimmed, non-empty items; undefined when not given. */
export function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function isArgumentError(err: unknown): err is Error {
  return err instanceof Error && "code" in err && typeof err.code === "string" && err.code.startsWith("ERR_PARSE_ARGS");
}

/**
 * Runs a CLI's `main()`: its result is the exit code; a throw prints `<name>: <message>` to stderr and exits with
 * `codeOf(err)` (default 2).
 */
export function runMain(name: string, main: () => Promise<number>, codeOf: (err: unknown) => number = () => 2): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = codeOf(err);
    },
  );
}
