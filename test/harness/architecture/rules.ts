/**
 * The dependency table of docs/architecture.md, read as data: the doc is the rule that test/architecture.test.ts
 * enforces, so the two cannot drift. Each row names one or more folders and the folders they may import.
 */

/** One row of the table: its folder patterns (`actions/<name>/` stands for each folder there) and what they may import. */
export interface Rule {
  readonly folders: readonly string[];
  /** folder prefixes this row may import; `*` is anything; npm packages and `node:` built-ins are always allowed */
  readonly mayImport: readonly string[];
}

const HEADING = "## Folders and what they may import";

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());
}

function ticked(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");
}

/** The Markdown table under the "Folders and what they may import" heading, as rules; throws if it is malformed. */
export function parseRules(markdown: string): Rule[] {
  const start = markdown.indexOf(HEADING);
  if (start < 0) throw new Error(`docs/architecture.md has no "${HEADING}" section`);
  const lines = markdown.slice(start).split("\n");
  const first = lines.findIndex((l) => l.trim().startsWith("|"));
  if (first < 0) throw new Error("the dependency table is missing");
  const header = cells(lines[first] ?? "").map((c) => c.toLowerCase());
  const folderCol = header.indexOf("folder");
  const importCol = header.indexOf("may import");
  if (folderCol < 0 || importCol < 0) throw new Error(`the table needs "folder" and "may import" columns`);
  const rules: Rule[] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.trim().startsWith("|")) break;
    const row = cells(line);
    const folders = ticked(row[folderCol] ?? "");
    const allowed = row[importCol] ?? "";
    if (folders.length === 0) throw new Error(`table row without a folder: ${line}`);
    for (const f of folders) if (!f.endsWith("/")) throw new Error(`folder ${f} must end with "/" (row: ${line})`);
    const mayImport = /^anything\b/i.test(allowed) ? ["*"] : ticked(allowed);
    for (const p of mayImport)
      if (p !== "*" && !p.endsWith("/")) throw new Error(`"may import" entry ${p} must end with "/" (row: ${line})`);
    rules.push({ folders, mayImport });
  }
  return rules;
}

/** A concrete folder of the tree (a unit of the rules) and the row that governs it. */
export interface Unit {
  readonly folder: string;
  readonly rule: Rule;
}

function matches(pattern: string, path: string): string | undefined {
  if (pattern === "./") return path.includes("/") ? undefined : "./";
  const want = pattern.split("/").slice(0, -1);
  const have = path.split("/");
  if (have.length <= want.length) return undefined;
  for (const [i, seg] of want.entries()) if (seg !== "<name>" && seg !== have[i]) return undefined;
  return `${have.slice(0, want.length).join("/")}/`;
}

function specificity(pattern: string): number {
  // more segments first; a literal segment beats `<name>` at the same depth
  const segs = pattern.split("/").slice(0, -1);
  return segs.length * 2 - segs.filter((s) => s === "<name>").length;
}

/** The unit a repository path belongs to: the most specific matching folder of the table, or undefined. */
export function unitOf(path: string, rules: readonly Rule[]): Unit | undefined {
  let best: { unit: Unit; score: number } | undefined;
  for (const rule of rules)
    for (const pattern of rule.folders) {
      const folder = matches(pattern, path);
      if (folder === undefined) continue;
      const score = pattern === "./" ? 0 : specificity(pattern);
      if (!best || score > best.score) best = { unit: { folder, rule }, score };
    }
  return best?.unit;
}

/** Whether a file in `from` may import a file in `to` (a folder may always import itself). */
export function allowed(from: Unit, to: Unit): boolean {
  if (from.folder === to.folder) return true;
  return from.rule.mayImport.some((p) => p === "*" || to.folder.startsWith(p));
}

/** The row's allowance as a sentence fragment: "core/, actions/sync-core/" or "npm packages only". */
export function allowance(rule: Rule): string {
  if (rule.mayImport.includes("*")) return "anything";
  return rule.mayImport.length === 0 ? "npm packages and node: built-ins only" : `${rule.mayImport.join(", ")} only`;
}
