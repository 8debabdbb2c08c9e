/**
 * Writes the goldens of a world into a data directory through the project's deterministic CSV writer, plus the
 * GitHub sync state that belongs to them. The five person datasets are produced in ONE pass over the people
 * (fanned out to five streaming writers), so scale M stays within its time and memory budget.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Row, type StagedDataset, stageDataset } from "#core/csv.ts";
import { getSchema } from "#core/schema.ts";
import { ACTIVITY_STATE_PATH, SKILLS_STATE_PATH, serializeActivityState, serializeSkillsState } from "#core/state.ts";
import type { DatasetName } from "./goldens.ts";
import type { World } from "./index.ts";

export interface WrittenDataset {
  readonly name: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly partitioned: boolean;
}

export interface WrittenGoldens {
  readonly datasets: readonly WrittenDataset[];
  readonly state: readonly string[];
}

interface Channel {
  push(row: Row): void;
  readonly size: number;
  close(): void;
  /** resolves once the consumer has taken everything pushed so far */
  drained(): Promise<void>;
  readonly rows: AsyncIterable<Row>;
}

function channel(): Channel {
  let buf: Row[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  let onDrain: (() => void) | undefined;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  async function* rows(): AsyncGenerator<Row> {
    for (;;) {
      if (buf.length === 0) {
        if (closed) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const taken = buf;
      buf = [];
      const d = onDrain;
      onDrain = undefined;
      d?.();
      yield* taken;
    }
  }
  return {
    push(row) {
      buf.push(row);
      poke();
    },
    get size() {
      return buf.length;
    },
    close() {
      closed = true;
      poke();
    },
    drained: () =>
      buf.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            onDrain = resolve;
          }),
    rows: rows(),
  };
}

/** the five person datasets, written in one pass over the people (`goldens.bundles()`) */
export const PERSON_SETS = [
  "unified_users",
  "certified_users",
  "product_usage",
  "learning_activity",
  "journey_complete",
] as const;
/** the other six datasets, each streamed from `goldens.rows()` */
export const OTHER_SETS: readonly DatasetName[] = [
  "individual_exams",
  "copilot_daily",
  "copilot_languages",
  "github_activity",
  "skills_courses",
  "skills_enrollments",
];
const HIGH_WATER = 4_096;
/** rows the writer buffers before it notices the input is already sorted and streams it (bounded memory) */
const CHUNK_ROWS = 8_192;

async function stagePersonDatasets(world: World, dataDir: string): Promise<StagedDataset[]> {
  const chans = PERSON_SETS.map(() => channel());
  const stages = PERSON_SETS.map((name, i) =>
    stageDataset(dataDir, getSchema(name), (chans[i] as Channel).rows, { chunkRows: CHUNK_ROWS }),
  );
  const failed = Promise.all(stages).then(() => new Promise<never>(() => {}));
  failed.catch(() => {}); // observed through Promise.race below
  const [cu, cc, cp, cl, cj] = chans;
  if (!cu || !cc || !cp || !cl || !cj) throw new Error("internal: channels");
  try {
    for (const b of world.goldens.bundles()) {
      cu.push(b.unified);
      for (const r of b.certified) cc.push(r);
      for (const r of b.usage) cp.push(r);
      for (const r of b.learning) cl.push(r);
      cj.push(b.journey);
      for (const c of chans) if (c.size > HIGH_WATER) await Promise.race([c.drained(), failed]);
    }
  } finally {
    for (const c of chans) c.close();
  }
  const settled = await Promise.allSettled(stages);
  const ok = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const bad = settled.find((s) => s.status === "rejected");
  if (bad) {
    for (const s of ok) s.discard();
    throw bad.reason;
  }
  return ok;
}

function writeText(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Writes all 11 goldens (committed only when every dataset was staged) and data/state/{activity,skills}.json. */
export async function writeGoldens(world: World, dataDir: string): Promise<WrittenGoldens> {
  const staged: StagedDataset[] = [];
  try {
    staged.push(...(await stagePersonDatasets(world, dataDir)));
    for (const name of OTHER_SETS)
      staged.push(await stageDataset(dataDir, getSchema(name), world.goldens.rows(name), { chunkRows: CHUNK_ROWS }));
  } catch (err) {
    for (const s of staged) s.discard();
    throw err;
  }
  for (const s of staged) s.commit();
  const state = world.goldens.state();
  writeText(join(dataDir, ACTIVITY_STATE_PATH), serializeActivityState(state.activity));
  writeText(join(dataDir, SKILLS_STATE_PATH), serializeSkillsState(state.skills));
  return {
    datasets: staged
      .map((s) => ({ name: s.name, rows: s.rows, bytes: s.bytes, sha256: s.sha256, partitioned: s.partitioned }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    state: [ACTIVITY_STATE_PATH, SKILLS_STATE_PATH],
  };
}
