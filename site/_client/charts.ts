/// <reference lib="dom" />
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
  // decorative for assistive technology: the figure's role="img" wrapper and the table carry the content
  for (const el of holder.querySelectorAll("[role], [aria-roledescription], [aria-label]")) {
    el.removeAttribute("role");
    el.removeAttribute("aria-roledescription");
    el.removeAttribute("aria-label");
  }
  holder.querySelector("svg")?.setAttribute("aria-hidden", "true");
  canvas.replaceChildren(holder);
  fig.dataset.interactive = "ready";
}
