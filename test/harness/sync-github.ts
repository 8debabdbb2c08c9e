/**
 * Test kit of the GitHub sync's tests (not bundled): the `unified_users.csv` they start from, and one dataset run
 * of the GitHub source the way the sync core runs it (previous status in, new status written).
 */
import { writeDataset } from "#core/csv.ts";
import { getSchema } from "#core/schema.ts";
import { readSyncStatus, writeSyncStatus } from "#core/status.ts";
import { type DatasetResult, runDataset } from "../../actions/sync-core/src/dataset.ts";
import type { SyncContext } from "../../actions/sync-core/src/source.ts";
import { GITHUB_DATASETS, githubSource } from "../../actions/sync-github/src/source.ts";

/** Writes `unified_users.csv` tracking `logins` (user ids padded with `idPad`, so fixtures stay distinguishable). */
export async function writeTrackedUsers(dataDir: string, logins: readonly string[], idPad: string): Promise<void> {
  const users = logins.map((login, i) => ({
    user_id: `${i}`.padStart(16, idPad),
    github_login: login,
    first_seen_at: "2024-01-01T00:00:00Z",
    country: null,
    region: "UNKNOWN",
    touched_learning: false,
    touched_exams: true,
    touched_product: false,
  }));
  await writeDataset(dataDir, getSchema("unified_users"), users);
}

/** A context for runs against a simulator: silent logger. */
export function testContext(dataDir: string, now: Date, env: NodeJS.ProcessEnv): SyncContext {
  return { dataDir, now, env, log: { info: () => undefined, progress: () => undefined } };
}

/**
 * Runs GitHub datasets in order with ONE source (as a sync run does: the Copilot datasets share one fetch), no dry
 * run, no shrink allowance, recording each status in the data directory. Returns the result per dataset.
 */
export async function runGitHubDatasets(
  ctx: SyncContext,
  names: readonly string[] = GITHUB_DATASETS,
): Promise<Record<string, DatasetResult>> {
  const source = githubSource({ timing: "fast" });
  const out: Record<string, DatasetResult> = {};
  for (const name of names) {
    const previous = readSyncStatus(ctx.dataDir).datasets[name];
    const r = await runDataset(source, getSchema(name), ctx, previous, {
      dryRun: false,
      allowShrink: false,
      shrinkThreshold: 0.2,
    });
    if (r.entry) writeSyncStatus(ctx.dataDir, { [name]: r.entry });
    out[name] = r;
  }
  return out;
}
