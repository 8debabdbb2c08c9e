/**
 * Shared Vega-Lite layers that draw suppressed cells and not-ready days as what they are: a short dashed mark on the
 * baseline (or, for dense daily series, a tick in a strip along the top) in a neutral colour with a legend entry —
 * absence, never a zero and never a mark as tall as a value. Rows carry `note` = "suppressed" | "not ready".
 */
import { NOT_READY_COLOR, SUPPRESSED_COLOR } from "./theme.ts";

type Layer = Record<string, unknown>;

const noteScale = {
  domain: ["suppressed", "not ready"],
  range: [SUPPRESSED_COLOR, NOT_READY_COLOR],
};

/**
 * Marks at x positions whose value is missing (suppressed / not ready): a 10 px dashed tick standing on the baseline,
 * or for dense daily series a short tick in a strip along the top of the plot. Never full height: a missing value
 * must not read as the largest one (issue 17).
 */
export function missingRules(
  x: Record<string, unknown>,
  tooltip: readonly Record<string, unknown>[] = [],
  dense = false,
  height = 240,
): Layer {
  const encoding: Record<string, unknown> = {
    x,
    color: { field: "note", type: "nominal", scale: noteScale, title: "Missing value" },
    tooltip: [...tooltip, { field: "note", title: "value" }],
  };
  encoding.y = { value: dense ? 6 : height - 5 };
  if (!dense) {
    encoding.strokeDash = {
      field: "note",
      type: "nominal",
      scale: {
        domain: noteScale.domain,
        range: [
          [4, 3],
          [1, 2],
        ],
      },
      legend: null,
    };
  }
  return {
    transform: [{ filter: "datum.note === 'suppressed' || datum.note === 'not ready'" }],
    mark: { type: "tick", thickness: 1.5, size: 10, orient: "vertical" },
    encoding,
  };
}

/**
 * For bar charts: where a value is missing, a short dashed outline sitting on the baseline (5 px), coloured and listed
 * in the legend as "suppressed" / "not ready". It reads as absence, never as a value: no full-height box that could
 * pass for the tallest bar, and no text inside the plot that could overprint the axis labels.
 */
export function missingBars(band: Record<string, unknown>, horizontal = false, height = 240): Layer[] {
  const filter = { filter: "datum.note === 'suppressed' || datum.note === 'not ready'" };
  const extent = horizontal
    ? { x: { value: 0 }, x2: { value: 5 } }
    : { y: { value: height - 5 }, y2: { value: height } };
  return [
    {
      transform: [filter],
      mark: { type: "bar", fillOpacity: 0.25, strokeDash: [2, 2], strokeWidth: 1 },
      encoding: {
        [horizontal ? "y" : "x"]: band,
        ...extent,
        color: { field: "note", type: "nominal", scale: noteScale, title: "Missing value" },
        stroke: { field: "note", type: "nominal", scale: noteScale, legend: null },
        tooltip: [{ field: band.field as string }, { field: "note", title: "value" }],
      },
    },
  ];
}

/**
 * The "Missing value" legend lists only the kinds of missing value the chart's rows have (no "not ready" swatch on a
 * chart that can never have one; no legend when nothing is missing). Colours stay fixed by the shared scale.
 */
export function withMissingLegend<T>(spec: T, rows: readonly Readonly<Record<string, unknown>>[]): T {
  const present = noteScale.domain.filter((n) => rows.some((r) => r.note === n));
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== "object") return x;
    const src = x as Record<string, unknown>;
    const isNoteColor = src.field === "note" && src.scale === noteScale && src.legend !== null;
    const o = Object.fromEntries(Object.entries(src).map(([k, v]) => [k, walk(v)]));
    if (isNoteColor) o.legend = present.length === 0 ? null : { values: present };
    return o;
  };
  return walk(spec) as T;
}
