/**
 * The chart pipeline. A chart module describes a chart (Vega-Lite spec, the rows it plots, table columns, texts);
 * `renderChart` compiles it to Vega at build time, renders it to an SVG string with a headless vega View
 * (renderer "none" → toSVG), and produces the CSV/JSON of exactly the plotted rows. The browser only ever receives
 * the compiled Vega spec, never Vega-Lite.
 */
import type { TopLevelSpec } from "vega-lite";
import { quoteCsv } from "#core/format.ts";
import { spreadsheetSafe } from "#core/spreadsheet.ts";
import { withMissingLegend } from "./marks.ts";
import { theme } from "./theme.ts";
import { vegaRuntime } from "./vega-runtime.ts";

export type Cell = string | number | null;
export type ChartRow = Readonly<Record<string, Cell>>;

export interface Column {
  readonly key: string;
  readonly label: string;
  /** how a number is shown in the table; the downloads keep raw values */
  readonly format?: "int" | "pct" | "dec1";
}

/** Row marker for cells that must be drawn as missing, never as zero. */
export const NOTE_KEY = "note";
export type Note = "" | "suppressed" | "not ready";

export interface ChartDef {
  /** unique id, used for file names (lowercase, dashes) */
  readonly id: string;
  readonly title: string;
  /** one sentence: what the reader should take away */
  readonly takeaway: string;
  /** accessible description of what the chart shows */
  readonly description: string;
  readonly columns: readonly Column[];
  /** exactly the plotted data (becomes the spec's inline data and the downloads) */
  readonly rows: readonly ChartRow[];
  /** Vega-Lite spec without data and config; data is injected as inline values */
  readonly spec: Omit<TopLevelSpec, "data" | "config">;
  /** datasets the numbers come from (generated_from) */
  readonly sources: readonly string[];
}

export interface RenderedChart {
  readonly def: ChartDef;
  readonly svg: string;
  /** compiled Vega spec (JSON) for the lazily loaded client bundle */
  readonly vega: string;
  readonly csv: string;
  readonly json: string;
  readonly suppressed: number;
  readonly notReady: number;
}

export async function toVega(def: ChartDef): Promise<object> {
  const { compile } = await vegaRuntime();
  const full = { ...withMissingLegend(def.spec, def.rows), data: { values: def.rows }, config: theme } as TopLevelSpec;
  return compile(full).spec;
}

/** One download cell: text neutralized against formula injection (core/spreadsheet.ts), then quoted. */
function csvCell(v: Cell): string {
  if (v === null) return "";
  return quoteCsv(typeof v === "string" ? spreadsheetSafe(v) : String(v));
}

export function rowsToCsv(columns: readonly Column[], rows: readonly ChartRow[]): string {
  const head = columns.map((c) => csvCell(c.key)).join(",");
  const body = rows.map((r) => columns.map((c) => csvCell(r[c.key] ?? null)).join(","));
  return `${[head, ...body].join("\n")}\n`;
}

export function rowsToJson(columns: readonly Column[], rows: readonly ChartRow[]): string {
  const picked = rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, r[c.key] ?? null])));
  return `${JSON.stringify(picked, null, 1)}\n`;
}

/**
 * The build-time SVG is decorative for assistive technology (the figure's role="img" wrapper carries the title and
 * description, the table the numbers): drop vega's own roles/labels, hide it, drop the white background rect.
 */
export function cleanSvg(svg: string): string {
  return svg
    .replace(/ (role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, "")
    .replace(/<rect width="\d+" height="\d+" fill="(none|white|transparent)"\/>/, "")
    .replace("<svg ", '<svg aria-hidden="true" focusable="false" ');
}

export async function renderChart(def: ChartDef): Promise<RenderedChart> {
  if (!/^[a-z0-9-]+$/.test(def.id)) throw new Error(`chart id "${def.id}" must be lowercase with dashes`);
  const { parse, View } = await vegaRuntime();
  const vg = await toVega(def);
  const view = new View(parse(vg as Parameters<typeof parse>[0]), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return {
    def,
    svg: cleanSvg(svg),
    vega: JSON.stringify(vg),
    csv: rowsToCsv(def.columns, def.rows),
    json: rowsToJson(def.columns, def.rows),
    suppressed: def.rows.filter((r) => r[NOTE_KEY] === "suppressed").length,
    notReady: def.rows.filter((r) => r[NOTE_KEY] === "not ready").length,
  };
}
