/**
 * Deterministic crash points for crash-safety tests: `ACE_CRASH_AT=<phase>:<n>` kills the process (SIGKILL, no
 * cleanup) at the n-th time `crashPoint(phase)` is reached. Phases are named where writes happen.
 */
const counts = new Map<string, number>();

export function crashPoint(phase: string, env: NodeJS.ProcessEnv = process.env): void {
  const spec = env.ACE_CRASH_AT;
  if (spec === undefined || spec === "") return;
  const n = (counts.get(phase) ?? 0) + 1;
  counts.set(phase, n);
  const i = spec.lastIndexOf(":");
  if (spec.slice(0, i) === phase && Number(spec.slice(i + 1)) === n) {
    process.stderr.write(`ACE_CRASH_AT: crashing at ${phase}:${n}\n`);
    process.kill(process.pid, "SIGKILL");
  }
}

/** How many times each phase was reached in this process (tests use it to enumerate crash points). */
export function crashPointCounts(): ReadonlyMap<string, number> {
  return counts;
}
