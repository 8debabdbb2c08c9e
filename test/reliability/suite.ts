/**
 * The reliability suite: the fault matrix (Kusto + GitHub), scenarios (two syncs, corrupted CSVs, full disk, the
 * worker with Kusto going down) and the crash points, reduced to the figures of docs/reliability.md.
 * `small` (inside npm test) runs the cases marked small and a few crash points; the full suite is `npm run test:faults`.
 */
import type { CrashFigures } from "./crash.ts";
import { crashSuite } from "./crash.ts";
import { githubMatrix, kustoMatrix } from "./faults.ts";
import { type CaseResult, type Figures, figures } from "./kit.ts";
import { GITHUB_CASES, KUSTO_CASES } from "./matrix.ts";
import { concurrentSyncs, corruptedCsv, fullDisk } from "./scenarios.ts";

export interface SuiteOptions {
  readonly small: boolean;
  /** run the worker scenario (wrangler dev; full suite only) */
  readonly worker?: boolean;
  readonly log?: (line: string) => void;
}

export interface SuiteReport extends Figures {
  readonly crash: CrashFigures;
  readonly seconds: number;
}

export async function runSuite(opts: SuiteOptions): Promise<SuiteReport> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const pick = <T extends { small?: boolean }>(xs: readonly T[]) => (opts.small ? xs.filter((x) => x.small) : xs);
  const cases: CaseResult[] = [];
  const add = (rs: readonly CaseResult[]) => {
    for (const r of rs) {
      log(`  ${r.survived ? "✔" : "✖"} ${r.group}: ${r.name} — ${r.outcome}`);
      cases.push(r);
    }
  };
  log("▶ Kusto faults");
  add(await kustoMatrix(pick(KUSTO_CASES)));
  log("▶ GitHub faults");
  add(await githubMatrix(pick(GITHUB_CASES)));
  log("▶ scenarios");
  add(await concurrentSyncs());
  add(await corruptedCsv());
  add(await fullDisk());
  if (opts.worker === true) {
    const { workerKustoDown } = await import("./worker.ts");
    add(await workerKustoDown());
  }
  log("▶ crash points");
  const crash = opts.small
    ? await crashSuite(4, 2, ["learning_activity"])
    : await crashSuite(52, 4, ["learning_activity"]);
  log(
    `  ${crash.points} points over ${crash.phases.length} phases (${crash.phases.join(", ")}); torn files ${crash.torn}`,
  );
  return { ...figures(cases), crash, seconds: Math.round((performance.now() - t0) / 100) / 10 };
}

export function renderFigures(r: SuiteReport): string {
  const lines = [
    "Reliability figures",
    `  distinct faults and scenarios   ${r.distinctFaults}`,
    `  faults injected                 ${r.faultsInjected}`,
    `  faults survived                 ${r.faultsSurvived}`,
    `  committed bytes changed by failed runs  ${r.bytesChanged}`,
    `  wrong status entries            ${r.wrongStatus}`,
    `  crash points                    ${r.crash.points} (${r.crash.phases.length} write phases; killed ${r.crash.killed})`,
    `  files torn by a crash           ${r.crash.torn}`,
    `  unreadable status after a crash ${r.crash.statusUnreadable}`,
    `  reruns converged                ${r.crash.rerunsConverged}/${r.crash.reruns}`,
    `  duration                        ${r.seconds} s`,
  ];
  const failed = r.cases.filter((c) => !c.survived);
  if (failed.length > 0) lines.push("Not survived:", ...failed.map((c) => `  ${c.group}: ${c.name} — ${c.outcome}`));
  if (r.crash.failures.length > 0) lines.push("Crash failures:", ...r.crash.failures.map((f) => `  ${f}`));
  return `${lines.join("\n")}\n`;
}
