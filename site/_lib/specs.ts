/** Small Vega-Lite spec builders shared by the chart modules (each chart module still owns its own spec choice). */
import type { Column } from "./chart.ts";
import { missingBars, missingRules } from "./marks.ts";
import { PARTIAL_SUFFIX } from "./periods.ts";
import { PARTIAL_OPACITY, WIDTH } from "./theme.ts";

type Enc = Record<string, unknown>;
export type Spec = Record<string, unknown>;

export interface Channel {
  readonly field: string;
  readonly title: string;
  readonly type?: "nominal" | "ordinal" | "quantitative" | "temporal";
  readonly format?: string;
  readonly sort?: readonly string[] | null;
  /** widest axis label in px before vega truncates it with "…" */
  readonly labelLimit?: number;
}

function enc(c: Channel, fallback: NonNullable<Channel["type"]>): Enc {
  const e: Enc = { field: c.field, type: c.type ?? fallback, title: c.title };
  if (c.format || c.labelLimit)
    e.axis = { ...(c.format ? { format: c.format } : {}), ...(c.labelLimit ? { labelLimit: c.labelLimit } : {}) };
  if (c.sort !== undefined) e.sort = c.sort;
  return e;
}

export function tooltipOf(columns: readonly Column[]): Enc[] {
  return columns.map((c) => {
    const t: Enc = { field: c.key, title: c.label };
    if (c.format === "pct") t.format = ".1%";
    else if (c.format === "int") t.format = ",";
    return t;
  });
}

/** Line chart (optionally one line per `color`), points on values, a short dashed tick where a value is missing. */
export function lineSpec(o: {
  x: Channel;
  y: Channel;
  color?: Channel;
  columns: readonly Column[];
  height?: number;
  /** draw a point per value (default); off for dense daily series, where points would dwarf the line */
  points?: boolean;
}): Spec {
  const x = enc(o.x, "ordinal");
  const lineEnc: Enc = { x, y: enc(o.y, "quantitative"), tooltip: tooltipOf(o.columns) };
  if (o.color) lineEnc.color = enc(o.color, "nominal");
  return {
    width: WIDTH,
    height: o.height ?? 240,
    layer: [
      { mark: { type: "line", point: o.points ?? true, strokeWidth: o.points === false ? 1.5 : 2 }, encoding: lineEnc },
      missingRules(
        x,
        tooltipOf(o.columns.filter((c) => c.key === o.x.field || c.key === o.color?.field)),
        o.points === false,
        o.height ?? 240,
      ),
    ],
    resolve: { scale: { color: "independent" } },
  };
}

/** Bar chart (stacked when `color` is given), outlined placeholders where a value is missing. */
export function barSpec(o: {
  band: Channel;
  value: Channel;
  color?: Channel;
  columns: readonly Column[];
  horizontal?: boolean;
  stack?: boolean;
  height?: number;
}): Spec {
  const band = enc(o.band, "nominal");
  const value = enc(o.value, "quantitative");
  if (o.stack === false) value.stack = null;
  const e: Enc = o.horizontal ? { y: band, x: value } : { x: band, y: value };
  e.tooltip = tooltipOf(o.columns);
  // a period that is not over yet (band label ending in "(partial)") is drawn lighter
  e.opacity = {
    condition: {
      test: `indexof(datum[${JSON.stringify(o.band.field)}], ${JSON.stringify(PARTIAL_SUFFIX.trim())}) >= 0`,
      value: PARTIAL_OPACITY,
    },
    value: 1,
  };
  if (o.color) {
    e.color = enc(o.color, "nominal");
    if (o.stack === false) e[o.horizontal ? "yOffset" : "xOffset"] = { field: o.color.field };
  }
  return {
    width: WIDTH,
    height: o.height ?? 240,
    layer: [{ mark: { type: "bar" }, encoding: e }, ...missingBars(band, o.horizontal, o.height ?? 240)],
    resolve: { scale: { color: "independent" } },
  };
}
