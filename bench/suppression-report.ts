/**
 * `node bench/suppression-report.ts [--data-dir DIR] [--json]`: for every chart the site draws, how many of its plotted
 * cells are suppressed (fewer than 5 people) — the figure issue 17 sets at most 10% for. Prints a table, worst first.
 * Reads only the aggregates, like the site build.
 */
import { DATA_DIR_OPTION, parseCli } from "#core/args.ts";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { chartViews } from "../site/_charts/index.ts";
import { NOTE_KEY } from "../site/_lib/chart.ts";
import { loadAgg } from "../test/harness/site/agg.ts";

export interface ChartSuppression {
  readonly id: string;
  readonly cells: number;
  readonly suppressed: number;
  readonly share: number;
}

export async function suppressionReport(dataDir: string): Promise<ChartSuppression[]> {
  const views = chartViews(await loadAgg(dataDir));
  const seen = new Set<string>();
  const out: ChartSuppression[] = [];
  for (const def of Object.values(views).flat()) {
    if (seen.has(def.id)) continue;
    seen.add(def.id);
    const cells = def.rows.length;
    const suppressed = def.rows.filter((r) => r[NOTE_KEY] === "suppressed").length;
    out.push({ id: def.id, cells, suppressed, share: cells === 0 ? 0 : suppressed / cells });
  }
  return out.sort((a, b) => b.share - a.share || a.id.localeCompare(b.id));
}

if (import.meta.main) {
  const { values } = parseCli(process.argv.slice(2), {
    usage: `usage: node bench/suppression-report.ts [--data-dir DIR] [--json]
  --data-dir DIR    the data directory whose aggregates are read (default: data/)
  --json            print JSON instead of a table
  -h, --help        print this help and exit
`,
    options: { ...DATA_DIR_OPTION, json: { type: "boolean", default: false } },
  });
  const dir = values["data-dir"] ?? DEFAULT_DATA_DIR;
  const report = await suppressionReport(dir);
  if (values.json) console.log(JSON.stringify(report, null, 1));
  else {
    const over = report.filter((r) => r.share > 0.1).length;
    console.log(`suppressed plotted cells per chart (${dir}); ${over} of ${report.length} charts above 10%`);
    for (const r of report)
      console.log(
        `${r.id.padEnd(28)} ${String(r.suppressed).padStart(5)} / ${String(r.cells).padEnd(5)} ${(r.share * 100).toFixed(1).padStart(5)}%`,
      );
  }
}
