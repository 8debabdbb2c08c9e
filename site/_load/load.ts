/** Loads and validates every input of the site; any invalid file fails the build with a message naming it. */
import type { z } from "zod";
import { mergeRunRecords } from "#core/staleness.ts";
import { loadRunRecord, parseSyncStatus, type RunRecordInput, type SyncStatus } from "#core/status.ts";
import type { DataSource } from "./source.ts";

export interface LoadedFile<T> {
  /** file name under aggregated/, e.g. "exams.json" */
  readonly file: string;
  readonly data: T;
  /** the exact text read, republished as the download */
  readonly text: string;
}

export async function loadStatus(source: DataSource): Promise<SyncStatus> {
  const text = await source.read("sync_status.json");
  if (text === undefined) return { version: 1, datasets: {} };
  return parseSyncStatus(parseJson(text, "sync_status.json"), `${source.label} sync_status.json`);
}

/**
 * The run record of the last sync (`sync-run.json`, the triggering sync run's artifact) merged with the previously
 * published one (`sync-run.previous.json`, fetched by the deploy workflow from the live site), so datasets the last
 * run did not select keep their last check. Both optional; an invalid one is ignored with a warning. A remote data
 * URL (a repository's data/) never holds them, since they are git-ignored: a failed fetch there means absent.
 */
export async function loadRun(source: DataSource): Promise<{ run: RunRecordInput; warnings: string[] }> {
  const read = async (file: "sync-run.json" | "sync-run.previous.json"): Promise<RunRecordInput> => {
    try {
      return loadRunRecord(await source.read(file));
    } catch {
      return { kind: "absent" };
    }
  };
  const [current, previous] = await Promise.all([read("sync-run.json"), read("sync-run.previous.json")]);
  return mergeRunRecords(current, previous);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

export async function loadAggregate<S extends z.ZodType>(
  source: DataSource,
  file: string,
  schema: S,
): Promise<LoadedFile<z.infer<S>>> {
  const rel = `aggregated/${file}`;
  const text = await source.read(rel);
  if (text === undefined) throw new Error(`${source.label}: missing ${rel} (run \`npm run aggregate\` first)`);
  const r = schema.safeParse(parseJson(text, rel));
  if (!r.success) {
    const issues = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new Error(`${rel}: does not match its schema: ${issues}`);
  }
  return { file, data: r.data, text };
}
