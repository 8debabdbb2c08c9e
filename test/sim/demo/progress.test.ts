import { expect, it } from "vitest";
import { createProgress } from "../../../sim/demo/progress.ts";

it("follows the sync's log lines and final table", () => {
  let t = 0;
  const p = createProgress(() => t);
  p.line("▶ kusto: individual_exams");
  t = 1500;
  expect(p.render()[1]).toMatch(/individual_exams\s+running\s+1\.5$/);
  p.line("individual_exams: unchanged — 10116 rows, identical to the committed file (22.8 s)");
  p.line("▶ github: copilot_daily");
  p.line("copilot_daily: failed — connect ECONNREFUSED (1.4 s)");
  p.line("copilot_daily       partial      120  kept going");
  expect(p.datasets.map((d) => [d.dataset, d.status, d.rows, d.seconds])).toEqual([
    ["individual_exams", "unchanged", 10116, 22.8],
    ["copilot_daily", "partial", 120, 1.4],
  ]);
});
