/**
 * core/args.ts: node:util parseArgs in strict mode with -h/--help for every command. readCli is the pure part (what
 * argv asks for); parseCli's printing and exit codes are driven through the real CLIs in test/scripts/cli.test.ts.
 */
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DATA_DIR_OPTION, dataDir, list, readCli } from "#core/args.ts";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";

const SYNC = {
  usage: "usage: npm run sync -- [--datasets a,b] [--dry-run] [--data-dir DIR]\n",
  options: { datasets: { type: "string" }, "dry-run": { type: "boolean", default: false }, ...DATA_DIR_OPTION },
} as const;

describe("readCli", () => {
  it("returns typed values for valid arguments, defaults included", () => {
    const r = readCli(["--datasets", "a,b", "--data-dir=/tmp/d"], SYNC);
    expect(r).toEqual({
      kind: "ok",
      values: { datasets: "a,b", "dry-run": false, "data-dir": "/tmp/d" },
      positionals: [],
    });
    expect(readCli(["--dry-run"], SYNC)).toMatchObject({ kind: "ok", values: { "dry-run": true } });
  });

  it("asks for help on -h and --help, even beside valid options", () => {
    expect(readCli(["-h"], SYNC)).toEqual({ kind: "help" });
    expect(readCli(["--help"], SYNC)).toEqual({ kind: "help" });
    expect(readCli(["--dry-run", "-h"], SYNC)).toEqual({ kind: "help" });
  });

  it.each([
    [["-x"], /Unknown option '-x'/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["foo"], /Unexpected argument 'foo'/],
    [["--dry-run", "foo"], /Unexpected argument 'foo'/],
    [["--datasets"], /'--datasets <value>' argument missing/],
    [["--dry-run=yes"], /'--dry-run' does not take an argument/],
    [["--datasets", "--dry-run"], /--datasets/],
  ])("refuses %j with a message naming it", (argv, message) => {
    const r = readCli(argv, SYNC);
    expect(r.kind).toBe("error");
    expect(r.kind === "error" ? r.message : "").toMatch(message);
  });

  it("takes positionals only from a command that documents them", () => {
    const spec = { usage: "usage: build [ACTION...]", options: {}, allowPositionals: true };
    expect(readCli(["a", "b"], spec)).toEqual({ kind: "ok", values: {}, positionals: ["a", "b"] });
    expect(readCli(["--", "-x"], spec)).toEqual({ kind: "ok", values: {}, positionals: ["-x"] });
    expect(readCli(["a"], { usage: "usage: none", options: {} }).kind).toBe("error");
  });

  it("keeps every occurrence of a repeatable option", () => {
    const spec = { usage: "usage: erase", options: { login: { type: "string", multiple: true } } } as const;
    expect(readCli(["--login", "a", "--login=b"], spec)).toMatchObject({ values: { login: ["a", "b"] } });
  });

  it("refuses an option table that declares help itself (every command has it)", () => {
    expect(() => readCli([], { usage: "u", options: { help: { type: "boolean" } } })).toThrow(/help/);
  });

  it("lets a wrong option table throw instead of reading as a bad argument", () => {
    // a short alias must be one character: a programming error, not the user's
    expect(() => readCli([], { usage: "u", options: { out: { type: "string", short: "oo" } } })).toThrow();
  });
});

describe("dataDir and list", () => {
  it("resolves --data-dir, defaulting to the repository's data/", () => {
    expect(dataDir({})).toBe(DEFAULT_DATA_DIR);
    expect(dataDir({ "data-dir": "rel/dir" })).toBe(resolve("rel/dir"));
    expect(dataDir({ "data-dir": join("/", "abs") })).toBe(join("/", "abs"));
  });

  it("splits comma-separated values, trimmed, empty items dropped", () => {
    expect(list(undefined)).toBeUndefined();
    expect(list("a, b,,c ")).toEqual(["a", "b", "c"]);
    expect(list("")).toEqual([]);
  });
});
