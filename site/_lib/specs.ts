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

/** A channel: a column's key (its table label is the axis title), or a channel spelled out. */
export type ChannelArg = string | Channel;

function channel(arg: ChannelArg, columns: readonly Column[]): Channel {
  if (typeof arg !== "string") return arg;
  const col = columns.find((c) => c.key === arg);
  if (col === undefined) throw new Error(`chart channel "${arg}" is not one of the table's columns`);
  return { field: col.key, title: col.label };
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
  x: ChannelArg;
  y: ChannelArg;
  color?: ChannelArg;
  columns: readonly Column[];
  height?: number;
  /** draw a point per value (default); off for dense daily series, where points would dwarf the line */
  points?: boolean;
  /**
   * lines per `color` that lack some x values (a group that does not exist there): impute null rows at those x so the
   * line breaks there instead of joining its neighbours across the gap
   */
  breakAtAbsent?: boolean;
}): Spec {
  const xc = channel(o.x, o.columns);
  const color = o.color === undefined ? undefined : channel(o.color, o.columns);
  const x = enc(xc, "ordinal");
  const yc = channel(o.y, o.columns);
  const lineEnc: Enc = { x, y: enc(yc, "quantitative"), tooltip: tooltipOf(o.columns) };
  if (color) lineEnc.color = enc(color, "nominal");
  return {
    width: WIDTH,
    height: o.height ?? 240,
    layer: [
      {
        ...(o.breakAtAbsent === true && color
          ? { transform: [{ impute: yc.field, key: xc.field, groupby: [color.field], value: null }] }
          : {}),
        // a missing value (suppressed, not ready, absent) breaks the line: no segment is drawn across it
        mark: {
          type: "line",
          point: o.points ?? true,
          strokeWidth: o.points === false ? 1.5 : 2,
          invalid: "break-paths-show-domains",
        },
        encoding: lineEnc,
      },
      missingRules(
        x,
        tooltipOf(o.columns.filter((c) => c.key === xc.field || c.key === color?.field)),
        o.points === false,
        o.height ?? 240,
      ),
    ],
    resolve: { scale: { color: "independent" } },
  };
}

/** Bar chart (stacked when `color` is given), outlined placeholders where a value is missing. */
export function barSpec(o: {
  band: ChannelArg;
  value: ChannelArg;
  color?: ChannelArg;
  columns: readonly Column[];
  horizontal?: boolean;
  stack?: boolean;
  height?: number;
}): Spec {
  const bandc = channel(o.band, o.columns);
  const color = o.color === undefined ? undefined : channel(o.color, o.columns);
  const band = enc(bandc, "nominal");
  const value = enc(channel(o.value, o.columns), "quantitative");
  if (o.stack === false) value.stack = null;
  const e: Enc = o.horizontal ? { y: band, x: value } : { x: band, y: value };
  e.tooltip = tooltipOf(o.columns);
  // a period that is not over yet (band label ending in "(partial)") is drawn lighter
  e.opacity = {
    condition: {
      test: `indexof(datum[${JSON.stringify(bandc.field)}], ${JSON.stringify(PARTIAL_SUFFIX.trim())}) >= 0`,
      value: PARTIAL_OPACITY,
    },
    value: 1,
  };
  if (color) {
    e.color = enc(color, "nominal");
    if (o.stack === false) e[o.horizontal ? "yOffset" : "xOffset"] = { field: color.field };
  }
  return {
    width: WIDTH,
    height: o.height ?? 240,
    layer: [{ mark: { type: "bar" }, encoding: e }, ...missingBars(band, o.horizontal, o.height ?? 240)],
    resolve: { scale: { color: "independent" } },
  };
}
