/**
 * Parsing and row checks for docs/wire-evidence.md (used by test/wire-evidence.test.ts): the evidence tables, the
 * per-row rules (a link, one of three status words, a tolerance note naming existing code for `assumed`) and the
 * counts line.
 */
export const DOC_PATH = "docs/wire-evidence.md";
export const STATUSES = ["confirmed", "inferred", "assumed"] as const;
export type Status = (typeof STATUSES)[number];
export const HEADER = ["item", "sim serves / client reads", "source", "status", "tolerance"];

export interface EvidenceRow {
  readonly line: number;
  readonly section: string;
  readonly item: string;
  readonly serves: string;
  readonly source: string;
  readonly status: string;
  readonly tolerance: string;
}

/** Splits a Markdown table line on unescaped pipes, without the outer ones. */
export function cells(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let code = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\" && line[i + 1] === "|") {
      cur += "|";
      i++;
    } else if (ch === "`") {
      code = !code;
      cur += ch;
    } else if (ch === "|" && !code) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.slice(1, -1);
}

/** Every row of every evidence table (tables whose header is {@link HEADER}). */
export function evidenceRows(markdown: string): EvidenceRow[] {
  const lines = markdown.split("\n");
  const rows: EvidenceRow[] = [];
  let section = "";
  let inTable = false;
  lines.forEach((line, i) => {
    if (line.startsWith("## ")) section = line.slice(3).trim();
    if (!line.startsWith("|")) {
      inTable = false;
      return;
    }
    const c = cells(line);
    if (c.join("|").toLowerCase() === HEADER.join("|")) {
      inTable = true;
      return;
    }
    if (!inTable || c.every((x) => /^:?-+:?$/.test(x))) return;
    rows.push({
      line: i + 1,
      section,
      item: c[0] ?? "",
      serves: c[1] ?? "",
      source: c[2] ?? "",
      status: c[3] ?? "",
      tolerance: c[4] ?? "",
      ...(c.length === HEADER.length ? {} : { item: `${c[0] ?? ""} (has ${c.length} cells, want ${HEADER.length})` }),
    });
  });
  return rows;
}

const LINK = /\]\(https?:\/\/[^)\s]+\)|<https?:\/\/[^>\s]+>/;
/** Repository files named in backticks, e.g. `actions/sync-github/src/copilot.ts` or `core/kusto-frames.ts`. */
const CODE_PATH = /`((?:core|actions|worker|sim|scripts|site|test)\/[\w./-]+\.ts)`/g;

/** What is wrong with one row, or an empty list. */
export function rowProblems(row: EvidenceRow, fileExists: (path: string) => boolean): string[] {
  const at = `${DOC_PATH}:${row.line} (${row.section}: ${row.item.slice(0, 60)})`;
  const problems: string[] = [];
  if (/has \d+ cells/.test(row.item)) problems.push(`${at}: wrong number of cells`);
  if (!LINK.test(row.source)) problems.push(`${at}: the source column has no http(s) link`);
  if (!(STATUSES as readonly string[]).includes(row.status))
    problems.push(`${at}: status "${row.status}" is not one of ${STATUSES.join(", ")}`);
  if (row.status === "assumed") {
    const paths = [...row.tolerance.matchAll(CODE_PATH)].map((m) => m[1] ?? "");
    if (row.tolerance.replace(/[—–-]/g, "").trim() === "")
      problems.push(`${at}: an assumed row needs a tolerance note`);
    else if (!paths.some((p) => p.startsWith("core/") || p.startsWith("actions/") || p.startsWith("worker/")))
      problems.push(
        `${at}: the tolerance note must name the client code that tolerates it (a \`core/…\`, \`actions/…\` or \`worker/…\` file)`,
      );
    for (const p of paths)
      if (!fileExists(p)) problems.push(`${at}: the tolerance note names ${p}, which does not exist`);
  }
  return problems;
}

/** The counts line: `**Counts: N rows — A confirmed, B inferred, C assumed.**` */
export function countsLine(markdown: string): Record<Status | "rows", number> | undefined {
  const m = /Counts: (\d+) rows — (\d+) confirmed, (\d+) inferred, (\d+) assumed/.exec(markdown);
  if (m === null) return undefined;
  return { rows: Number(m[1]), confirmed: Number(m[2]), inferred: Number(m[3]), assumed: Number(m[4]) };
}
