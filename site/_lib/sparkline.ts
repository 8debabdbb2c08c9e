import { esc } from "./html.ts";

/** A tiny inline SVG sparkline (hand-written, no runtime): gaps where a value is missing, never a zero. */
export function sparkline(values: readonly (number | null)[], label: string, width = 120, height = 28): string {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length < 2) return "";
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const span = max - min || 1;
  const step = width / Math.max(1, values.length - 1);
  const segments: string[] = [];
  let cur: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (cur.length > 0) segments.push(cur.join(" "));
      cur = [];
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (height - 2 - ((v - min) / span) * (height - 4)).toFixed(1);
    cur.push(`${cur.length === 0 ? "M" : "L"}${x} ${y}`);
  });
  if (cur.length > 0) segments.push(cur.join(" "));
  const path = segments.join(" ");
  return `<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(label)}"><path d="${path}" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>`;
}
