// Grain that adapts to k (issue 17): on the committed demo data, no chart has more than 10% of its plotted cells
// suppressed (site/suppression-report.ts counts every plotted row, suppressed ones included).
import { describe, expect, it } from "vitest";
import { stageGroupStarts } from "../actions/aggregate/src/build/stage-groups.ts";
import { DEFAULT_DATA_DIR } from "../actions/shared/schema.ts";
import { finestGrain } from "./_lib/cells.ts";
import { suppressionReport } from "./suppression-report.ts";

describe("suppressed plotted cells per chart", () => {
  it("are at most 10% on every chart of the committed data", async () => {
    const report = await suppressionReport(DEFAULT_DATA_DIR);
    expect(report.length).toBeGreaterThan(40);
    const over = report.filter((r) => r.share > 0.1).map((r) => `${r.id} ${r.suppressed}/${r.cells}`);
    expect(over).toEqual([]);
  });
});

describe("stage groups", () => {
  it("merge a stage into the one before it until every group counts 0 or at least 5 people", () => {
    // furthest stage: 10 learning, 1 skills, 0, 0, 20 certified, 80 product
    expect(stageGroupStarts([[10, 1, 0, 0, 20, 80]], 4)).toEqual([0, 2, 3, 4, 5]);
    // one grouping for every cohort: the second cohort's 2 at "examined" merges it for both
    expect(
      stageGroupStarts(
        [
          [10, 1, 0, 0, 20, 80],
          [30, 0, 0, 2, 84, 351],
        ],
        4,
      ),
    ).toEqual([0, 4, 5]);
  });
  it("keep the certified stage apart even over a finer grouping that merges it", () => {
    // {learning}{skills}{registered}{examined+certified}{product} is finer, but certified would not be shown
    expect(stageGroupStarts([[30, 0, 0, 2, 84, 351]], 4)).toEqual([0, 4, 5]);
    expect(stageGroupStarts([[30, 0, 0, 2, 84, 351]], 99)).toEqual([0, 1, 2, 3, 5]);
  });
  it("fall back to one group when nothing clears the rule", () => {
    expect(stageGroupStarts([[1, 1, 1]], 2)).toEqual([0]);
  });
});

describe("finestGrain", () => {
  const rows = (n: number, s: number) => Array.from({ length: n }, (_, i) => ({ note: i < s ? "suppressed" : "" }));
  it("takes the first candidate at most 10% suppressed, else the coarsest", () => {
    expect(
      finestGrain([
        { rows: rows(10, 2), g: "month" },
        { rows: rows(4, 0), g: "quarter" },
      ]).g,
    ).toBe("quarter");
    expect(
      finestGrain([
        { rows: rows(10, 1), g: "month" },
        { rows: rows(4, 0), g: "quarter" },
      ]).g,
    ).toBe("month");
    expect(
      finestGrain([
        { rows: rows(10, 5), g: "month" },
        { rows: rows(4, 2), g: "quarter" },
      ]).g,
    ).toBe("quarter");
  });
});
