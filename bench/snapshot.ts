/**
 * The committed data files of the world as of one moment, rendered in memory: every dataset's CSV exactly as the
 * deterministic writer lays it out (RFC 4180 quoting, LF, the canonical cell format, rows in primary-key order as
 * the goldens yield them) plus the GitHub sync's state files. Used by the repository-growth bench to replay a year of
 * nightly commits; `snapshot(DEMO.now)` equals the committed `data/` byte for byte (checked by its test).
 */
import { formatCell, quoteCsv, type Row } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";
import { ACTIVITY_STATE_PATH, SKILLS_STATE_PATH, serializeActivityState, serializeSkillsState } from "#core/state.ts";
import { DATASETS, type DatasetName } from "../sim/world/goldens.ts";
import { createWorld } from "../sim/world/index.ts";
import { PERSON_SETS } from "../sim/world/write.ts";

function csv(name: DatasetName, rows: Iterable<Row>): string {
  const schema = getSchema(name);
  const lines: string[] = [schema.fields.map((f) => quoteCsv(f.name)).join(",")];
  for (const r of rows) lines.push(schema.fields.map((f) => quoteCsv(formatCell(f, r[f.name]))).join(","));
  const text = `${lines.join("\n")}\n`;
  const limit = schema.partitioning?.maxFileBytes;
  if (limit !== undefined && Buffer.byteLength(text) > limit)
    throw new Error(
      `${name} would be partitioned (> ${limit} bytes): the snapshot renders single files only (scale S)`,
    );
  return text;
}

/** path relative to the data dir → file content */
export function snapshot(now: Date, opts: { scale?: string; seed?: number } = {}): Map<string, string> {
  const world = createWorld({ now, scale: opts.scale ?? "S", ...(opts.seed === undefined ? {} : { seed: opts.seed }) });
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
    files.set(`${name}.csv`, csv(name, rows));
  }
  const state = g.state();
  files.set(ACTIVITY_STATE_PATH, serializeActivityState(state.activity));
  files.set(SKILLS_STATE_PATH, serializeSkillsState(state.skills));
  return files;
}
