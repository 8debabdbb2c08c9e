/**
 * Markdown for the data PR body and the job summary: problems first (refused, failed, partial), headline KPI deltas,
 * a summary table, one section per changed dataset with bounded samples, then freshness. Fits GitHub's 65,536-char
 * body limit by shrinking samples, then dropping detail, then cutting with a note pointing to the full diff artifact.
 * Every value that comes from data (cells, keys, labels, file names, status reasons) goes through `inert()`
 * (core/inert-markdown.ts): no mention, reference, HTML, link or control character survives.
 *
 * Privacy: this Markdown is published (PR body, job summary, the `data-diff` artifact), so a dataset about people (a
 * schema field marked `personal`) is described by counts only, as the site's Changes page does (site/_load/changes.ts):
 * no row is listed, a count of 1–4 rows is "fewer than 5", and only the current row count is given (it is on the Data
 * page already; the earlier one and the difference are not); a headline count shows its current value and its change
 * (1–4: "changed by fewer than 5"), not its earlier value. Rows of other datasets are listed with any cell of 1–4
 * as "fewer than 5" (`listedCell`). `npm run diff -- --json` keeps the samples for local review.
 */
import { inert } from "#core/inert-markdown.ts";
import { isSmall } from "#core/suppress.ts";
import type { DatasetDiff, DiffReport, KpiDelta, SampleRow } from "./model.ts";

export const GITHUB_BODY_LIMIT = 65_536;
/** Where the whole report is when a body had to be shortened. */
export const FULL_DIFF_POINTER =
  "the full diff is the run's `data-diff` artifact (`data-diff-full.md`), or run `npm run diff` locally";
const n = (x: number): string => x.toLocaleString("en-US");

export function cell(s: string | null, max = 48): string {
  if (s === null) return "_(personal)_";
  if (s === "") return "∅";
  return inert(s, max);
}

/**
 * A cell of a listed row (datasets not about people: org × day Copilot figures, course repositories). Such a dataset
 * still holds counts of people (`users`, `chat_users`), and the schema does not say which columns do, so any cell that
 * is a whole number 1–4 is published as "fewer than 5" (a star or fork count of 1–4 is hidden with them).
 */
export function listedCell(s: string | null, max = 48): string {
  return s !== null && /^[1-4]$/.test(s) ? "fewer than 5" : cell(s, max);
}

/** A file, dataset or column name: code-formatted when it is plainly a name, else inert text. */
export function code(name: string, max = 80): string {
  return /^[A-Za-z0-9_./ ()-]{1,200}$/.test(name) && name.length <= max ? `\`${name}\`` : cell(name, max);
}

export function problems(report: DiffReport): string[] {
  const bad = report.status.filter((s) => s.status === "refused" || s.status === "failed" || s.status === "partial");
  if (bad.length === 0) return [];
  const lines = bad.map(
    (s) => `> - **${cell(s.dataset)}**: ${cell(s.status.toUpperCase())}${s.error ? ` — ${cell(s.error, 300)}` : ""}`,
  );
  const severe = bad.some((s) => s.status !== "partial");
  return [
    severe ? "> [!CAUTION]" : "> [!WARNING]",
    severe
      ? "> Some datasets were **not updated** by this sync; their committed data was kept. Auto-merge is off."
      : "> Some datasets were updated **partially** (resumable, continues next run).",
    ...lines,
    "",
  ];
}

/**
 * A headline figure's change. A count shows its current value and its change, a change of 1–4 as "changed by fewer
 * than 5" and never its earlier value (as the site's Changes page: site/_load/changes.ts); rates, averages and
 * figures that were or became hidden show before → after.
 */
function kpiChange(k: KpiDelta): string {
  const d = k.countDelta;
  if (d === undefined) return `${cell(k.old ?? "–")} → ${cell(k.new ?? "–")}`;
  const change = d === 0 ? "±0" : isSmall(d) ? "changed by fewer than 5" : `${d > 0 ? "+" : "−"}${n(Math.abs(d))}`;
  return `${cell(k.new)} (${change})`;
}

function kpiTable(kpis: readonly KpiDelta[], max: number): string[] {
  if (kpis.length === 0) return [];
  const rows = kpis.slice(0, max).map((k) => `| ${cell(k.file)} | ${cell(k.label, 80)} | ${kpiChange(k)} |`);
  const more = kpis.length > max ? [`_…and ${n(kpis.length - max)} more figures._`] : [];
  return [
    "### Headline figures",
    "",
    "| File | Figure | Now (change) or before → after |",
    "|---|---|---|",
    ...rows,
    ...more,
    "",
  ];
}

/** A dataset whose rows are about people: described by counts only (see the module's note). */
const aboutPeople = (d: DatasetDiff): boolean => d.personalColumns.length > 0;

/** A count of rows about people: 1–4 is "fewer than 5" (core/suppress.ts isSmall). */
const rowsOfPeople = (x: number): string => (isSmall(x) ? "fewer than 5" : n(x));

function summaryTable(ds: readonly DatasetDiff[]): string[] {
  const rows = ds.map((d) => {
    const r = d.rows;
    const notes = [
      d.state !== "changed" && d.state !== "unchanged" ? `dataset ${d.state}` : "",
      d.schemaChanges.length ? "schema" : "",
    ]
      .filter(Boolean)
      .join(", ");
    if (aboutPeople(d)) {
      const c = rowsOfPeople;
      return `| ${code(d.name)} | ${n(r.rowsHead)} now | +${c(r.added)} | −${c(r.removed)} | ~${c(r.changed)} | ${notes} |`;
    }
    return `| ${code(d.name)} | ${n(r.rowsBase)} → ${n(r.rowsHead)} | +${n(r.added)} | −${n(r.removed)} | ~${n(r.changed)} | ${notes} |`;
  });
  return ["| Dataset | Rows | Added | Removed | Changed | Notes |", "|---|--:|--:|--:|--:|---|", ...rows, ""];
}

function sampleTable(title: string, rows: readonly SampleRow[], total: number, maxCols: number): string[] {
  if (rows.length === 0) return [];
  const cols = Object.keys(rows[0]?.cells ?? {}).slice(0, maxCols);
  const part = rows.some((r) => r.partition !== null);
  const head = ["Key", ...(part ? ["Partition"] : []), ...cols.map((c) => code(c).replace(/^`|`$/g, ""))];
  const body = rows.map(
    (r) =>
      `| ${cell(r.key, 80)} | ${part ? `${cell(r.partition ?? "")} | ` : ""}${cols.map((c) => listedCell(r.cells[c] ?? "")).join(" | ")} |`,
  );
  return [
    `<details><summary>${title}: ${n(rows.length)} of ${n(total)}</summary>`,
    "",
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...body,
    "",
    "</details>",
    "",
  ];
}

function datasetSection(d: DatasetDiff, sample: number, maxCols: number): string[] {
  if (aboutPeople(d)) return peopleSection(d);
  const r = d.rows;
  const out = [`### ${cell(d.title, 80)} (${code(d.name)})`, ""];
  out.push(
    `${n(r.rowsBase)} → ${n(r.rowsHead)} rows: **+${n(r.added)}** added, **−${n(r.removed)}** removed, **~${n(r.changed)}** changed.`,
  );
  for (const s of [...d.schemaChanges, ...d.partitionChanges]) out.push(`- ${cell(s, 300)}`);
  if (r.columns.size > 0) {
    const cols = [...r.columns.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    out.push(`- Changed columns: ${cols.map(([c, k]) => `${code(c)} (${n(k)})`).join(", ")}`);
  }
  out.push("");
  if (sample > 0 && r.changedSample.length > 0) {
    const rows = r.changedSample.slice(0, sample);
    const part = rows.some((x) => x.partition !== null);
    out.push(`<details><summary>Changed rows: ${n(rows.length)} of ${n(r.changed)}</summary>`, "");
    out.push(`| Key |${part ? " Partition |" : ""} Column | Before → after |`, `|---|${part ? "---|" : ""}---|---|`);
    for (const c of rows) {
      for (const ch of c.changes) {
        const vals = ch.old === null ? "_(personal, changed)_" : `${listedCell(ch.old)} → ${listedCell(ch.new)}`;
        out.push(`| ${cell(c.key, 80)} |${part ? ` ${cell(c.partition ?? "")} |` : ""} ${code(ch.column)} | ${vals} |`);
      }
    }
    out.push("", "</details>", "");
  }
  if (sample > 0) {
    out.push(...sampleTable("Added rows", r.addedSample.slice(0, sample), r.added, maxCols));
    out.push(...sampleTable("Removed rows", r.removedSample.slice(0, sample), r.removed, maxCols));
  }
  return out;
}

/** A dataset about people: counts only, small ones as "fewer than 5", no row (the module's note). */
function peopleSection(d: DatasetDiff): string[] {
  const r = d.rows;
  const c = rowsOfPeople;
  const out = [`### ${cell(d.title, 80)} (${code(d.name)})`, ""];
  out.push(
    `${n(r.rowsHead)} rows now: **+${c(r.added)}** added, **−${c(r.removed)}** removed, **~${c(r.changed)}** changed.`,
  );
  for (const s of [...d.schemaChanges, ...d.partitionChanges]) out.push(`- ${cell(s, 300)}`);
  if (r.columns.size > 0) {
    const cols = [...r.columns.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    out.push(`- Changed columns: ${cols.map(([col, k]) => `${code(col)} (${c(k)})`).join(", ")}`);
  }
  out.push(
    `- Rows about people are counted, never listed (personal columns: ${d.personalColumns.map((col) => code(col)).join(", ")}); \`npm run diff -- --json\` lists samples locally.`,
    "",
  );
  return out;
}

function statusTable(report: DiffReport): string[] {
  if (report.status.length === 0) return ["_No `sync_status.json` found._", ""];
  const rows = report.status.map(
    (s) => `| ${code(s.dataset)} | ${cell(s.status)} | ${cell(s.lastSuccessAt ?? "never")} | ${s.freshness} |`,
  );
  return ["### Sync status", "", "| Dataset | Status | Last success | Freshness |", "|---|---|---|---|", ...rows, ""];
}

interface Detail {
  readonly sample: number;
  readonly maxCols: number;
  readonly kpis: number;
  readonly sections: boolean;
}

function compose(report: DiffReport, d: Detail): string {
  const changed = report.datasets.filter((x) => x.state !== "unchanged");
  const out: string[] = ["## Data changes", "", ...problems(report)];
  out.push(`Compared ${cell(report.base, 120)} → ${cell(report.head, 120)}.`, "");
  if (!report.changed) out.push("**No data changed.**", "");
  out.push(...kpiTable(report.kpis, d.kpis));
  if (report.aggregatedFiles.length > 0) {
    out.push(`Aggregates changed: ${report.aggregatedFiles.map((f) => code(f)).join(", ")}.`, "");
  }
  if (changed.length > 0) {
    out.push(...summaryTable(changed));
    if (d.sections) for (const x of changed) out.push(...datasetSection(x, d.sample, d.maxCols));
    else out.push(`_Per-dataset detail omitted to fit GitHub's size limit; ${FULL_DIFF_POINTER}._`, "");
  }
  if (report.otherFiles.length > 0) {
    const shown = report.otherFiles.slice(0, 20).map((f) => code(f));
    const more = report.otherFiles.length > 20 ? ` and ${n(report.otherFiles.length - 20)} more` : "";
    out.push(`Other files changed (status and sync state): ${shown.join(", ")}${more}.`, "");
  }
  const same = report.datasets.filter((x) => x.state === "unchanged").map((x) => code(x.name));
  if (same.length > 0) out.push(`Unchanged: ${same.join(", ")}.`, "");
  out.push(...statusTable(report));
  return out.join("\n");
}

/** The Markdown, at most `limit` characters. */
export function renderMarkdown(report: DiffReport, limit = GITHUB_BODY_LIMIT - 1_000, sample = 10): string {
  const levels: Detail[] = [
    { sample, maxCols: 8, kpis: 20, sections: true },
    { sample: Math.min(sample, 5), maxCols: 6, kpis: 15, sections: true },
    { sample: Math.min(sample, 2), maxCols: 4, kpis: 15, sections: true },
    { sample: 0, maxCols: 0, kpis: 10, sections: true },
    { sample: 0, maxCols: 0, kpis: 10, sections: false },
  ];
  let text = "";
  for (const level of levels) {
    text = compose(report, level);
    if (text.length <= limit) return text;
  }
  const note = `\n\n_…cut to fit GitHub's size limit; ${FULL_DIFF_POINTER}._\n`;
  return text.slice(0, limit - note.length) + note;
}
