/**
 * One engine's run of the aggregate, as bench/aggregate.ts (`--side DIR`, the DuckDB engine in the aggregate item)
 * and bench/aggregate-kusto.ts (its roles) record it: timings and peak RSS in DIR/side.json, the files in
 * DIR/aggregated/. The aggregate-kusto item compares the files on disk (sha256 of each), not what a process says.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeAggregated } from "../actions/aggregate/src/aggregate.ts";

export interface Side {
  readonly engine: string;
  readonly total_s: number;
  readonly load_s: number;
  readonly queries_s: number;
  readonly build_s: number;
  /** the peak RSS of the process that ran it (in the aggregate item: after DuckDB alone and the aggregate) */
  readonly peak_rss_mb: number;
}

export const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** Writes one run: its aggregated/*.json and side.json (last, so a run directory with side.json is complete). */
export function writeSide(
  dir: string,
  engine: string,
  totalMs: number,
  r: {
    readonly files: ReadonlyMap<string, string>;
    readonly timings: { load: number; queries: number; build: number };
  },
): Side {
  writeAggregated(dir, r.files);
  const side: Side = {
    engine,
    total_s: totalMs / 1000,
    load_s: r.timings.load / 1000,
    queries_s: r.timings.queries / 1000,
    build_s: r.timings.build / 1000,
    peak_rss_mb: rssMb(),
  };
  writeFileSync(join(dir, "side.json"), `${JSON.stringify(side)}\n`);
  return side;
}

/** The run recorded in `dir`, or undefined when it has no side.json. */
export function readSide(dir: string): Side | undefined {
  const file = join(dir, "side.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Side) : undefined;
}

/** sha256 of every file of DIR/aggregated, by name. */
export function hashFiles(dir: string): Record<string, string> {
  const agg = join(dir, "aggregated");
  if (!existsSync(agg)) return {};
  return Object.fromEntries(
    readdirSync(agg)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => [
        f,
        createHash("sha256")
          .update(readFileSync(join(agg, f)))
          .digest("hex"),
      ]),
  );
}

/** The complete runs under `parent` (its `run-*` directories with a side.json), in name order. */
export function sideRuns(parent: string): { dir: string; side: Side }[] {
  if (!existsSync(parent)) return [];
  return readdirSync(parent)
    .filter((d) => d.startsWith("run-"))
    .sort()
    .flatMap((d) => {
      const side = readSide(join(parent, d));
      return side === undefined ? [] : [{ dir: join(parent, d), side }];
    });
}
