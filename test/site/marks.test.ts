// Missing values in bar charts read as absence: a suppressed cell is a 5 px outline on the baseline, never a box that
// could pass for the tallest bar, and there is no text inside the plot that could overprint an axis label.
import { describe, expect, it } from "vitest";
import { type ChartDef, renderChart } from "../../site/_lib/chart.ts";
import { barSpec, lineSpec } from "../../site/_lib/specs.ts";

const columns = [
  { key: "k", label: "K" },
  { key: "v", label: "V", format: "int" },
  { key: "note", label: "Note" },
] as const;

function def(horizontal: boolean): ChartDef {
  const rows = [
    { k: "a", v: 10, note: "" },
    { k: "b", v: null, note: "suppressed" },
    { k: "c (partial)", v: 300, note: "" },
  ];
  const spec = barSpec({ band: { field: "k", title: "K" }, value: { field: "v", title: "V" }, columns, horizontal });
  return { id: "t", title: "t", takeaway: "t", description: "d", columns, rows, spec, sources: [] };
}

/** [x, y, width, height] of every rect path of one mark layer in vega's SVG. */
function rects(svg: string, layer: number): number[][] {
  const g = new RegExp(`<g class="mark-rect role-mark layer_${layer}_marks">(.*?)</g>`, "s").exec(svg)?.[1] ?? "";
  return [...g.matchAll(/d="M([\d.-]+),([\d.-]+)h([\d.-]+)v([\d.-]+)h/g)].map((m) => m.slice(1, 5).map(Number));
}

describe("missing bars", () => {
  it.each([false, true])("are a thin outline on the baseline (horizontal: %s)", async (horizontal) => {
    const c = await renderChart(def(horizontal));
    const bars = rects(c.svg, 0);
    const missing = rects(c.svg, 1);
    expect(bars).toHaveLength(2);
    expect(missing).toHaveLength(1);
    const [x = 0, y = 0, w = 0, h = 0] = missing[0] ?? [];
    const tallest = Math.max(...bars.map((b) => (horizontal ? (b[2] ?? 0) : (b[3] ?? 0))));
    if (horizontal) {
      expect(w).toBeLessThanOrEqual(5);
      expect(x).toBe(0);
    } else {
      expect(h).toBeLessThanOrEqual(5);
      expect(y + h).toBe(240);
    }
    expect(horizontal ? w : h).toBeLessThan(tallest / 10);
    // no text mark in the plot: the only texts are axis labels, titles and the legend
    expect(c.svg).not.toMatch(/class="mark-text role-mark layer_/);
  });

  it("draws a partial period's bar lighter", async () => {
    const c = await renderChart(def(false));
    expect(c.svg).toMatch(/<path d="M410,0h180v240h-180Z" fill="#2563eb" opacity="0.45"\/>/);
    expect(c.svg).toMatch(/<path d="M10,232h180v8h-180Z" fill="#2563eb" opacity="1"\/>/);
  });

  it("the legend lists only the kinds of missing value the rows have", async () => {
    const some = await renderChart(def(false));
    expect(some.svg).toContain(">Missing value<");
    expect(some.svg).toContain(">suppressed<");
    expect(some.svg).not.toContain(">not ready<");
    const none = def(false);
    const full = await renderChart({ ...none, rows: none.rows.filter((r) => r.note === "") });
    expect(full.svg).not.toContain(">Missing value<");
  });
});

describe("missing points of a line", () => {
  it("are a 10 px tick standing on the baseline, never a rule as tall as the plot", async () => {
    const rows = [
      { k: "a", v: 10, note: "" },
      { k: "b", v: null, note: "suppressed" },
      { k: "c", v: 300, note: "" },
    ];
    const spec = lineSpec({ x: { field: "k", title: "K" }, y: { field: "v", title: "V" }, columns });
    const c = await renderChart({
      id: "t",
      title: "t",
      takeaway: "t",
      description: "d",
      columns,
      rows,
      spec,
      sources: [],
    });
    const missing = rects(c.svg, 1);
    expect(missing).toHaveLength(1);
    const [, y = 0, , h = 0] = missing[0] ?? [];
    expect(h).toBeLessThanOrEqual(10);
    expect(y + h).toBe(240);
    expect(c.svg).not.toMatch(/class="mark-rule role-mark layer_1/);
    expect(c.svg).not.toMatch(/class="mark-text role-mark layer_/);
  });
});

/** The `d` of every line-mark path of layer 0 (one per colour group), as drawn by vega. */
function linePaths(svg: string): string[] {
  const g = /<g class="mark-line role-mark layer_0[a-z0-9_]*_marks">(.*?)<\/g>/s.exec(svg)?.[1] ?? "";
  return [...g.matchAll(/<path [^>]*?d="([^"]*)"/g)].map((m) => m[1] ?? "");
}

function lineChart(rows: readonly Record<string, string | number | null>[], breakAtAbsent = false): ChartDef {
  const cols = [
    { key: "k", label: "K" },
    { key: "s", label: "S" },
    { key: "v", label: "V", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const spec = lineSpec({ x: "k", y: "v", color: "s", columns: cols, breakAtAbsent });
  return { id: "t", title: "t", takeaway: "t", description: "d", columns: cols, rows, spec, sources: [] };
}

describe("a line does not join its neighbours across a gap", () => {
  it("breaks at a suppressed point (two pieces, no segment through it)", async () => {
    const c = await renderChart(
      lineChart([
        { k: "a", s: "x", v: 10, note: "" },
        { k: "b", s: "x", v: null, note: "suppressed" },
        { k: "c", s: "x", v: 300, note: "" },
      ]),
    );
    const [d = ""] = linePaths(c.svg);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toMatch(/L/);
  });

  it("breaks where a group is absent when asked (conversion by cohort: stages merged differently)", async () => {
    const rows = [
      { k: "a", s: "x", v: 10, note: "" },
      { k: "b", s: "y", v: 20, note: "" },
      { k: "c", s: "x", v: 300, note: "" },
    ];
    const joined = linePaths((await renderChart(lineChart(rows))).svg);
    const broken = linePaths((await renderChart(lineChart(rows, true))).svg);
    // without: x's line runs from a to c straight across b; with: x is two single points
    expect(joined.some((d) => /^M[\d.,]+L[\d.,]+$/.test(d))).toBe(true);
    expect(broken.some((d) => /L/.test(d))).toBe(false);
  });
});
