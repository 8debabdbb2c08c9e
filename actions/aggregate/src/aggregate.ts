/**
 * Aggregation: committed CSVs → `data/aggregated/<file>.json`. An engine runs one readable query per aggregate (DuckDB
 * over the CSVs by default: sql/<name>.sql; or Kusto's aggregate database: kql/<name>.kql), the builders turn the
 * small results into cells, suppression is decided once over all files, and every file is checked
 * against its schema before it is written (canonical JSON: builder key order, 2-space indent, trailing newline).
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AGGREGATED_SCHEMAS, type AggregatedFile } from "#core/aggregated/schemas.ts";
import { tempPathFor } from "#core/files.ts";
import { loadSchemas } from "#core/schema.ts";
import { readRunRecord, readSyncStatus } from "#core/status.ts";
import { newBook } from "#core/suppress.ts";
import { activityBuilder } from "./build/activity.ts";
import { certificationsBuilder } from "./build/certifications.ts";
import { copilotBuilder } from "./build/copilot.ts";
import { examsBuilder } from "./build/exams.ts";
import { journeyBuilder } from "./build/journey.ts";
import { kpisBuilder } from "./build/kpis.ts";
import { regionsBuilder } from "./build/regions.ts";
import { skillsBuilder } from "./build/skills.ts";
import type { Builder } from "./build/types.ts";
import { buildContext, resolveAsOf } from "./context.ts";
import { type Engine, type EngineName, openEngine } from "./engine/index.ts";
import { protectWithGrain } from "./grain.ts";
import { type RawResults, runQueries } from "./raw.ts";

/** In registration order: cells shared between files are registered by their owner first (kpis last). */
export const BUILDERS: readonly Builder[] = [
  certificationsBuilder,
  examsBuilder,
  journeyBuilder,
  copilotBuilder,
  skillsBuilder,
  activityBuilder,
  kpisBuilder,
  regionsBuilder,
];

export interface AggregateOptions {
  readonly aceNow?: string | undefined;
  readonly threads?: number;
  /** the engine that runs the queries (default duckdb); kusto reads KUSTO_AGG_URL / KUSTO_AGG_DATABASE from `env` */
  readonly engine?: EngineName;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** false: protect() alone, without the solver check (the naive suppression the privacy tests attack) */
  readonly solverCheck?: boolean;
}

export interface AggregateResult {
  readonly asOf: string;
  readonly raw: RawResults;
  /** file name (e.g. "kpis.json") → canonical JSON text */
  readonly files: Map<string, string>;
  readonly timings: { load: number; queries: number; build: number };
}

/** Makes the datasets queryable and runs every aggregate query (the engine part, timed by the bench). */
export async function computeRaw(engine: Engine, dataDir: string, aceNow: string | undefined) {
  const t0 = performance.now();
  await engine.load(dataDir);
  const t1 = performance.now();
  const status = readSyncStatus(dataDir);
  const fallback = (await engine.rows("as_of_fallback", "1970-01-01T00:00:00Z"))[0]?.as_of;
  const asOf = resolveAsOf(status, aceNow, typeof fallback === "string" ? fallback : null);
  const raw = await runQueries(engine, asOf);
  return { raw, asOf, status, load: t1 - t0, queries: performance.now() - t1 };
}

export function serialize(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export async function aggregate(dataDir: string, opts: AggregateOptions = {}): Promise<AggregateResult> {
  const engine = await openEngine(opts.engine ?? "duckdb", { threads: opts.threads, env: opts.env });
  try {
    const { raw, asOf, status, load, queries } = await computeRaw(engine, dataDir, opts.aceNow);
    const t2 = performance.now();
    const run = readRunRecord(dataDir);
    if (run.kind === "invalid") console.warn(`aggregate: sync-run.json ignored for freshness: ${run.reason}`);
    const ctx = await buildContext(dataDir, [...loadSchemas().keys()], status, asOf, run);
    const book = newBook();
    const renders = BUILDERS.map((b) => ({ file: b.file, render: b.register(book, raw, ctx) }));
    const hidden = await protectWithGrain(
      book,
      renders.map((r) => r.render),
      opts.solverCheck !== false,
    );
    const files = new Map<string, string>();
    for (const { file, render } of renders) {
      const doc = render(hidden);
      check(file, doc);
      files.set(`${file}.json`, serialize(doc));
    }
    return { asOf, raw, files, timings: { load, queries, build: performance.now() - t2 } };
  } finally {
    engine.close();
  }
}

function check(file: AggregatedFile, doc: unknown): void {
  const r = AGGREGATED_SCHEMAS[file].safeParse(doc);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`aggregated/${file}.json does not match its schema: ${issues.join("; ")}`);
  }
}

/** Writes the files atomically into <dataDir>/aggregated/. */
export function writeAggregated(dataDir: string, files: ReadonlyMap<string, string>): string[] {
  const dir = join(dataDir, "aggregated");
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = join(dir, name);
    const tmp = tempPathFor(file);
    writeFileSync(tmp, text);
    renameSync(tmp, file);
    written.push(file);
  }
  return written;
}
