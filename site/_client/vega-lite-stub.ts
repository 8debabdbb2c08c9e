// Stands in for vega-lite in the browser bundle: specs are compiled to Vega at build time, so vega-embed never
// needs the Vega-Lite compiler (saves ~82 KB gzipped).
export const version = "not bundled";
export function compile(): never {
  throw new Error("Vega-Lite is compiled at build time; the browser only receives Vega specs");
}
