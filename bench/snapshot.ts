/**
 * The committed data files of the world as of one moment, rendered in memory: every dataset's CSV exactly as the
 * deterministic writer lays it out (RFC 4180 quoting, LF, the canonical cell format, rows in primary-key order as
 * the goldens yield them) plus the GitHub sync's state files. Used by the repository-growth bench to replay a year of
 * nightly commits (the slow path: a whole world per night; `nights.ts` is the fast one, checked against this);
 * `snapshot(DEMO.now)` equals the committed `data/` byte for byte (checked by its test).
 */
import { partitionOf, splitAboveBytes } from "#core/files.ts";
import { formatCell, quoteCsv, type Row } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";
import { ACTIVITY_STATE_PATH, SKILLS_STATE_PATH, serializeActivityState, serializeSkillsState } from "#core/state.ts";
import { DATASETS, type DatasetName } from "../sim/world/goldens.ts";
import { createWorld } from "../sim/world/index.ts";
import { PERSON_SETS } from "../sim/world/write.ts";
import { type LayoutName, layoutPartitioning } from "./night-tables.ts";

/**
 * The dataset's files as the writer lays them out (the `writer` layout; others: bench/night-tables.ts): `<name>.csv`,
 * or `<name>/<partition>.csv` when over the split threshold (month partitions: any row).
 */
function csv(
  name: DatasetName,
  rows: Iterable<Row>,
  files: Map<string, string>,
  maxFileBytes: number | undefined,
  layout: LayoutName,
): void {
  const schema = { ...getSchema(name) };
  schema.partitioning = layoutPartitioning(schema, layout);
  const header = schema.fields.map((f) => quoteCsv(f.name)).join(",");
  const lines: string[] = [];
  const cells: string[] = [];
  const field = schema.partitioning?.field;
  const pf = schema.fields.find((f) => f.name === field);
  for (const r of rows) {
    lines.push(schema.fields.map((f) => quoteCsv(formatCell(f, r[f.name]))).join(","));
    cells.push(pf === undefined ? "" : formatCell(pf, r[pf.name]));
  }
  const text = `${[header, ...lines].join("\n")}\n`;
  const limit = splitAboveBytes(schema, `${header}\n`, maxFileBytes);
  if (limit === undefined || Buffer.byteLength(text) <= limit) {
    files.set(`${name}.csv`, text);
    return;
  }
  const parts = new Map<string, string[]>();
  lines.forEach((l, i) => {
    const p = partitionOf(schema, cells[i] === "" ? null : cells[i]);
    const ls = parts.get(p) ?? [header];
    ls.push(l);
    parts.set(p, ls);
  });
  for (const [p, ls] of [...parts].sort(([a], [b]) => (a < b ? -1 : 1)))
    files.set(`${name}/${p}.csv`, `${ls.join("\n")}\n`);
}

/** path relative to the data dir → file content */
export function snapshot(
  now: Date,
  opts: { scale?: string; people?: number; seed?: number; maxFileBytes?: number; layout?: LayoutName } = {},
): Map<string, string> {
  const world = createWorld({
    now,
    ...(opts.people === undefined ? { scale: opts.scale ?? "S" } : { people: opts.people }),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
  });
  const g = world.goldens;
  // the five person datasets in one pass over the people (as the world's writer does)
  const person: Record<(typeof PERSON_SETS)[number], Row[]> = {
    unified_users: [],
    certified_users: [],
    product_usage: [],
    learning_activity: [],
    journey_complete: [],
  };
  for (const b of g.bundles()) {
    person.unified_users.push(b.unified);
    person.certified_users.push(...b.certified);
    person.product_usage.push(...b.usage);
    person.learning_activity.push(...b.learning);
    person.journey_complete.push(b.journey);
  }
  const files = new Map<string, string>();
  for (const name of DATASETS) {
    const rows = (PERSON_SETS as readonly string[]).includes(name)
      ? person[name as (typeof PERSON_SETS)[number]]
      : g.rows(name);
    csv(name, rows, files, opts.maxFileBytes, opts.layout ?? "writer");
  }
  const state = g.state();
  files.set(ACTIVITY_STATE_PATH, serializeActivityState(state.activity));
  files.set(SKILLS_STATE_PATH, serializeSkillsState(state.skills));
  return files;
}
