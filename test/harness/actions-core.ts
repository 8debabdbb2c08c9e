/**
 * The `@actions/core` of the actions' main.test.ts (the actions/typescript-action pattern): inputs come from a map,
 * and everything an action reports (outputs, failure, annotations, log, secrets, job summary) is captured. A test
 * mocks the module with it and resets it per run:
 *
 *   vi.mock("@actions/core", async () => (await import("../../harness/actions-core.ts")).core);
 *   const io = actionInputs({ "data-dir": dir });
 *
 * Inputs behave as on a runner: trimmed, "" when absent, `required` throws, booleans follow the YAML 1.2 core schema.
 */

export interface ActionIO {
  readonly inputs: ReadonlyMap<string, string>;
  readonly outputs: Record<string, string>;
  /** setFailed messages (the real one also sets process.exitCode; this one does not, the test runner exits 0) */
  readonly failed: string[];
  readonly warnings: string[];
  readonly errors: string[];
  readonly infos: string[];
  readonly secrets: string[];
  /** each core.summary.write(): the Markdown written */
  readonly summaries: string[];
  readonly groups: string[];
}

let io: ActionIO = fresh(new Map());
let pending = "";

function fresh(inputs: ReadonlyMap<string, string>): ActionIO {
  return {
    inputs,
    outputs: {},
    failed: [],
    warnings: [],
    errors: [],
    infos: [],
    secrets: [],
    summaries: [],
    groups: [],
  };
}

/** A new run: these inputs (as the workflow's `with:` passes them), nothing reported yet. */
export function actionInputs(inputs: Readonly<Record<string, string>>): ActionIO {
  io = fresh(new Map(Object.entries(inputs)));
  pending = "";
  return io;
}

interface InputOptions {
  required?: boolean;
  trimWhitespace?: boolean;
}

function getInput(name: string, options?: InputOptions): string {
  const raw = io.inputs.get(name) ?? "";
  if (options?.required && raw === "") throw new Error(`Input required and not supplied: ${name}`);
  return options?.trimWhitespace === false ? raw : raw.trim();
}

function getBooleanInput(name: string, options?: InputOptions): boolean {
  const v = getInput(name, options);
  if (["true", "True", "TRUE"].includes(v)) return true;
  if (["false", "False", "FALSE"].includes(v)) return false;
  throw new TypeError(
    `Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
      "Support boolean input list: `true | True | TRUE | false | False | FALSE`",
  );
}

const text = (m: unknown): string => (m instanceof Error ? m.message : String(m));

const summary = {
  addRaw(markdown: string, addEOL = false) {
    pending += addEOL ? `${markdown}\n` : markdown;
    return summary;
  },
  async write() {
    io.summaries.push(pending);
    pending = "";
    return summary;
  },
};

export const core = {
  getInput,
  getBooleanInput,
  setOutput: (name: string, value: unknown) => {
    io.outputs[name] = typeof value === "string" ? value : JSON.stringify(value);
  },
  setFailed: (message: unknown) => {
    io.failed.push(text(message));
  },
  warning: (message: unknown) => {
    io.warnings.push(text(message));
  },
  error: (message: unknown) => {
    io.errors.push(text(message));
  },
  info: (message: string) => {
    io.infos.push(message);
  },
  debug: () => undefined,
  setSecret: (secret: string) => {
    io.secrets.push(secret);
  },
  group: async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    io.groups.push(name);
    return fn();
  },
  summary,
};
