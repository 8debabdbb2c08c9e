// Lazily loaded: replaces a figure's build-time SVG by a live Vega view (same spec, SVG renderer) with tooltips.
import embed from "vega-embed";

export async function mount(fig: HTMLElement): Promise<void> {
  const url = fig.dataset.spec;
  const canvas = fig.querySelector<HTMLElement>(".chart-canvas");
  if (!url || !canvas || fig.dataset.interactive) return;
  fig.dataset.interactive = "loading";
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const spec = (await res.json()) as object;
  const holder = document.createElement("div");
  await embed(holder, spec, { mode: "vega", renderer: "svg", actions: false, tooltip: { theme: "custom" } });
  holder.querySelector("svg")?.setAttribute("aria-hidden", "true");
  canvas.replaceChildren(holder);
  fig.dataset.interactive = "ready";
}
