/**
 * The shared chart theme (a Vega-Lite `config`): transparent background, text and axes in `currentColor` so the
 * same inline SVG reads in light and dark mode, a palette that keeps contrast on both, no ARIA on marks (the figure
 * carries the accessible description and the table carries the numbers).
 */
import type { Config } from "vega-lite";

export const PRIMARY = "#2563eb";
export const PALETTE = [PRIMARY, "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];
/** Suppressed cells and not-ready days: drawn, never as zero. */
export const SUPPRESSED_COLOR = "#8a8a8a";
export const NOT_READY_COLOR = "#7c6f9f";
/** The words the About page uses for those two colours (kept next to the colours so they cannot drift apart). */
export const SUPPRESSED_COLOR_NAME = "grey";
export const NOT_READY_COLOR_NAME = "purple-grey";
/** Opacity of bars of a period that is not over yet (labelled "(partial)"). */
export const PARTIAL_OPACITY = 0.45;

export const WIDTH = 600;
export const HEIGHT = 240;

export const theme: Config = {
  background: null as unknown as string,
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  aria: false,
  padding: 4,
  view: { stroke: null, continuousWidth: WIDTH, continuousHeight: HEIGHT, discreteWidth: WIDTH },
  range: { category: PALETTE },
  mark: { color: PRIMARY },
  axis: {
    labelColor: "currentColor",
    titleColor: "currentColor",
    domainColor: "currentColor",
    tickColor: "currentColor",
    gridColor: "#8884",
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
  },
  legend: { labelColor: "currentColor", titleColor: "currentColor", orient: "bottom", labelFontSize: 11 },
  title: { color: "currentColor" },
  text: { color: "currentColor" },
};
