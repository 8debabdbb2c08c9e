/// <reference lib="dom" />
// Tiny loader (the only script on chart pages before a chart is seen): when a chart scrolls into view, import the
// vega bundle once and make that chart interactive (tooltips). With JavaScript off, the build-time SVG stays.
const figures = [...document.querySelectorAll<HTMLElement>("figure.chart[data-spec]")];
if (figures.length > 0 && "IntersectionObserver" in window) {
  let bundle: Promise<{ mount: (el: HTMLElement) => Promise<void> }> | undefined;
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        io.unobserve(e.target);
        bundle ??= import(new URL("./charts.js", import.meta.url).href);
        bundle
          .then((m) => m.mount(e.target as HTMLElement))
          .catch((err: unknown) => {
            (e.target as HTMLElement).dataset.interactive = "failed";
            console.warn("chart stays static:", err);
          });
      }
    },
    { rootMargin: "0px" },
  );
  for (const f of figures) io.observe(f);
}
