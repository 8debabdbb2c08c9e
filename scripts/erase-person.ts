/**
 * Erasure of one person from every copy this project controls (docs/operating.md, "Erasing a person on request"):
 * - every dataset CSV: rows whose personal fields name the person (`user_id`, a GitHub login in `github_login` or
 *   `owner`, a learner repository `login/…` in `repository`), rewritten atomically, partitions included;
 * - the GitHub sync state (`state/activity.json` login entries and the round-robin cursor, `state/skills.json`
 *   template confirmations of the person's repositories);
 * - `sync_status.json` (sha256 and row counts of the rewritten datasets, so the status stays truthful);
 * - the aggregates (`aggregated/*.json` recomputed from the erased CSVs) and the worker's per-person index
 *   (rebuilt when a worker asset directory is given).
 * Old git commits still hold the rows: history rewriting stays a documented manual step.
 *
 * The result is counts only: the person's id, login or rows never appear in its output.
 */
import { existsSync } from "node:fs";
import { readDataset, stageDataset } from "#core/csv.ts";
import type { Row } from "#core/format.ts";
import { pseudonym } from "#core/pseudonym.ts";
import { type DatasetSchema, getSchema, loadSchemas } from "#core/schema.ts";
import {
  ACTIVITY_STATE_PATH,
  readActivityState,
  readSkillsState,
  SKILLS_STATE_PATH,
  serializeActivityState,
  serializeSkillsState,
} from "#core/state.ts";
import { readSyncStatus, type StatusEntry, writeSyncStatus } from "#core/status.ts";
import { writeStateFiles } from "../actions/sync-core/src/state-files.ts";

export interface PersonRef {
  /** pseudonymous `user_id`s */
  readonly userIds?: readonly string[];
  /** GitHub logins (compared case-insensitively) */
  readonly logins?: readonly string[];
  /** upstream e-mail addresses, turned into `user_id`s with `pseudonymKey` */
  readonly emails?: readonly string[];
  readonly pseudonymKey?: string;
}

export interface ErasureResult {
  readonly rowsRemoved: number;
  readonly datasets: Readonly<Record<string, number>>;
  readonly stateEntries: number;
}

interface Who {
  readonly ids: ReadonlySet<string>;
  readonly logins: ReadonlySet<string>;
}

/** Adds the ids and logins linked to the given ones in `unified_users` (a login finds its id and vice versa). */
async function resolve(dataDir: string, ref: PersonRef): Promise<Who> {
  const ids = new Set(ref.userIds ?? []);
  const logins = new Set((ref.logins ?? []).map((l) => l.toLowerCase()));
  for (const e of ref.emails ?? []) {
    if (ref.pseudonymKey === undefined) throw new Error("erasing by e-mail needs PSEUDONYM_KEY");
    ids.add(pseudonym(ref.pseudonymKey, e));
  }
  const users = getSchema("unified_users");
  for await (const u of readDataset(dataDir, users)) {
    const id = typeof u.user_id === "string" ? u.user_id : "";
    const login = typeof u.github_login === "string" ? u.github_login.toLowerCase() : "";
    if (ids.has(id) && login !== "") logins.add(login);
    if (login !== "" && logins.has(login)) ids.add(id);
  }
  return { ids, logins };
}

/** Does this row name the person in one of its personal fields? */
function names(schema: DatasetSchema, row: Row, who: Who): boolean {
  for (const f of schema.fields) {
    if (!f.personal) continue;
    const v = row[f.name];
    if (typeof v !== "string" || v === "") continue;
    if (f.name === "user_id") {
      if (who.ids.has(v)) return true;
    } else if (f.name === "repository") {
      if (who.logins.has(v.split("/")[0]?.toLowerCase() ?? "")) return true;
    } else if (who.logins.has(v.toLowerCase())) return true;
  }
  return false;
}

async function eraseDataset(dataDir: string, schema: DatasetSchema, who: Who): Promise<number> {
  let removed = 0;
  let kept = 0;
  for await (const r of readDataset(dataDir, schema)) {
    if (names(schema, r, who)) removed++;
    else kept++;
  }
  if (removed === 0) return 0;
  const staged = await stageDataset(
    dataDir,
    schema,
    (async function* () {
      for await (const r of readDataset(dataDir, schema)) if (!names(schema, r, who)) yield r;
    })(),
  );
  if (staged.rows !== kept) {
    staged.discard();
    throw new Error(`${schema.name}: erasure would write ${staged.rows} rows, expected ${kept}; nothing changed`);
  }
  staged.commit();
  const previous = readSyncStatus(dataDir).datasets[schema.name];
  if (previous) {
    const entry: StatusEntry = { ...previous, sha256: staged.sha256, rows: staged.rows };
    writeSyncStatus(dataDir, { [schema.name]: entry });
  }
  return removed;
}

function eraseState(dataDir: string, who: Who): number {
  let n = 0;
  const files = new Map<string, string>();
  if (existsSync(`${dataDir}/${ACTIVITY_STATE_PATH}`)) {
    const a = readActivityState(dataDir);
    const logins = Object.fromEntries(Object.entries(a.logins).filter(([l]) => !who.logins.has(l.toLowerCase())));
    const dropped = Object.keys(a.logins).length - Object.keys(logins).length;
    const cursor = a.cursor !== null && who.logins.has(a.cursor.toLowerCase()) ? null : a.cursor;
    if (dropped > 0 || cursor !== a.cursor) {
      n += dropped + (cursor !== a.cursor ? 1 : 0);
      files.set(ACTIVITY_STATE_PATH, serializeActivityState({ version: 1, cursor, logins }));
    }
  }
  if (existsSync(`${dataDir}/${SKILLS_STATE_PATH}`)) {
    const s = readSkillsState(dataDir);
    const confirmed = Object.fromEntries(
      Object.entries(s.confirmed).filter(([repo]) => !who.logins.has(repo.split("/")[0]?.toLowerCase() ?? "")),
    );
    const dropped = Object.keys(s.confirmed).length - Object.keys(confirmed).length;
    if (dropped > 0) {
      n += dropped;
      files.set(SKILLS_STATE_PATH, serializeSkillsState({ ...s, confirmed }));
    }
  }
  writeStateFiles(dataDir, files);
  return n;
}

/** Removes the person from the CSVs, the state files and the status of `dataDir`. Counts only. */
export async function erasePerson(dataDir: string, ref: PersonRef): Promise<ErasureResult> {
  const who = await resolve(dataDir, ref);
  if (who.ids.size === 0 && who.logins.size === 0) throw new Error("nobody to erase: give a user id, login or e-mail");
  const datasets: Record<string, number> = {};
  let rowsRemoved = 0;
  for (const schema of loadSchemas().values()) {
    const n = await eraseDataset(dataDir, schema, who);
    if (n > 0) datasets[schema.name] = n;
    rowsRemoved += n;
  }
  return { rowsRemoved, datasets, stateEntries: eraseState(dataDir, who) };
}

/** The one line the CLI prints and a PR may carry: counts only. */
export function erasureSummary(r: ErasureResult): string {
  const per = Object.entries(r.datasets)
    .map(([d, n]) => `${d} ${n}`)
    .join(", ");
  return `erased: ${r.rowsRemoved} row(s) in ${Object.keys(r.datasets).length} dataset(s)${per ? ` (${per})` : ""}, ${r.stateEntries} sync-state entr${r.stateEntries === 1 ? "y" : "ies"}`;
}
