/** bench/results.md: one table row per item (measure and anchor as median, min–max), then the machine. */
import type { BenchItem, Figure } from "./lib.ts";

export interface BenchResults {
  readonly scale: string;
  readonly generated_at: string;
  readonly duration_s: number;
  readonly machine: Readonly<Record<string, string | number>>;
  readonly items: readonly BenchItem[];
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return "–";
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en-US");
  return String(Math.round(n * 100) / 100);
}

export function figureCell(f: Figure | undefined): string {
  if (f === undefined) return "–";
  const range =
    f.runs.length > 1 || f.min !== f.max ? ` (${fmt(f.min)}–${fmt(f.max)}, n=${Math.max(f.runs.length, 1)})` : "";
  return `${f.label}: **${fmt(f.median)} ${f.unit}**${range}`;
}

const esc = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderMarkdown(r: BenchResults): string {
  const lines = [
    `# Benchmarks (scale ${r.scale})`,
    "",
    `Generated ${r.generated_at} by \`npm run bench -- --scale ${r.scale}\` in ${fmt(r.duration_s)} s. ` +
      "Medians of several runs for items under a minute (min–max, n runs); ratio = measure / anchor.",
    "",
    "| item | scale | measure | anchor | ratio | notes |",
    "|---|---|---|---|---:|---|",
  ];
  for (const i of r.items) {
    if (i.status !== "ok") {
      lines.push(`| ${esc(i.title)} | ${i.scale ?? ""} | **${i.status}** | | | ${esc(i.note ?? "")} |`);
      continue;
    }
    const extra = Object.entries(i.extra ?? {})
      .map(([k, v]) => `${k} ${typeof v === "number" ? fmt(v) : String(v)}`)
      .join("; ");
    const notes = [i.target ? `target: ${i.target}` : "", extra, i.note ?? ""].filter(Boolean).join(". ");
    lines.push(
      `| ${esc(i.title)} | ${esc(i.scale ?? "")} | ${esc(figureCell(i.measure))} | ${esc(figureCell(i.anchor))} | ${
        i.ratio === undefined ? "–" : fmt(i.ratio)
      } | ${esc(notes)} |`,
    );
  }
  lines.push(
    "",
    "Machine: " +
      Object.entries(r.machine)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
    "",
  );
  return `${lines.join("\n")}\n`;
}
