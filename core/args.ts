/** Tiny typed argv reader shared by the CLIs (`--flag`, `--name value`, `--name=value`). */
import { resolve } from "node:path";
import { DEFAULT_DATA_DIR } from "./schema.ts";

export interface Args {
  flag(name: string): boolean;
  value(name: string): string | undefined;
  list(name: string): string[] | undefined;
  /** `--data-dir DIR` (default: the repository's data/) */
  dataDir(): string;
  rest: string[];
}

export function parseArgs(
  argv: readonly string[],
  known: { flags: readonly string[]; values: readonly string[] },
): Args {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (!a.startsWith("--")) {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (known.flags.includes(name)) {
      flags.add(name);
    } else if (known.values.includes(name) || name === "data-dir") {
      const v = eq === -1 ? argv[++i] : a.slice(eq + 1);
      if (v === undefined || v.startsWith("--")) throw new Error(`--${name} needs a value`);
      values.set(name, v);
    } else {
      throw new Error(
        `unknown option --${name}; known: ${[...known.flags, ...known.values, "data-dir"].map((x) => `--${x}`).join(" ")}`,
      );
    }
  }
  return {
    flag: (n) => flags.has(n),
    value: (n) => values.get(n),
    list: (n) =>
      values
        .get(n)
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    dataDir: () => resolve(values.get("data-dir") ?? DEFAULT_DATA_DIR),
    rest,
  };
}
