/**
 * The reliability suite at small scale (inside npm test): the cases marked small, scenarios without the worker, and
 * a few crash points. The full suite with its figures is `npm run test:faults` (docs/reliability.md).
 */
import { expect, it } from "vitest";
import { renderFigures, runSuite } from "./suite.ts";

it("survives every injected fault with 0 committed bytes changed and 0 wrong status entries", {
  timeout: 600_000,
}, async () => {
  const report = await runSuite({ small: true, worker: false });
  process.stderr.write(renderFigures(report));
  expect(report.cases.filter((c) => !c.survived).map((c) => `${c.name}: ${c.outcome}`)).toEqual([]);
  expect(report.faultsSurvived).toBe(report.faultsInjected);
  expect(report.bytesChanged).toBe(0);
  expect(report.wrongStatus).toBe(0);
  expect(report.crash.torn).toBe(0);
  expect(report.crash.failures).toEqual([]);
  expect(report.crash.points).toBeGreaterThanOrEqual(4);
});
