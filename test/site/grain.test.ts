// Grain that adapts to k (issue 17): on the committed demo data, no chart has more than 10% of its plotted cells
// suppressed (bench/suppression-report.ts counts every plotted row, suppressed ones included).
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { newBook, put } from "#core/suppress.ts";
import { adaptiveSeries, type PeakDay } from "../../actions/aggregate/src/build/copilot-peaks.ts";
import { stageGroupStarts } from "../../actions/aggregate/src/build/stage-groups.ts";
import type { Render } from "../../actions/aggregate/src/build/types.ts";
import { protectWithGrain } from "../../actions/aggregate/src/grain.ts";
import { suppressionReport } from "../../bench/suppression-report.ts";
import { finestGrain } from "../../site/_lib/cells.ts";

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

describe("protectWithGrain", () => {
  // a total of 30 over x = 12, y = 10, z = 8; the render publishes x only merged (adapt), and y only while z shows
  const setup = () => {
    const book = newBook();
    for (const [k, v] of [
      ["t", 30],
      ["x", 12],
      ["y", 10],
      ["z", 8],
    ] as const)
      put(book, k, v);
    book.groups.push({ total: "t", members: ["x", "y", "z"] });
    const render: Render = Object.assign(() => null, {
      adapt: (hidden: ReadonlySet<string>) => (hidden.has("z") ? ["x", "y"] : ["x"]),
    });
    return { book, render };
  };
  it.each([false, true])(
    "hides merged-away cells and protects them like suppressed ones (solver: %s)",
    async (solver) => {
      const { book, render } = setup();
      const hidden = await protectWithGrain(book, [render], solver);
      // x alone under a visible total would be t − y − z: z is hidden beside it, so the render merges y too; then x
      // and y (22 together) protect each other and z is published again
      expect([...hidden].sort()).toEqual(["x", "y"]);
    },
  );
  it("changes nothing for builders without adapt", async () => {
    const { book } = setup();
    const hidden = await protectWithGrain(book, [Object.assign(() => null, {})], false);
    expect([...hidden]).toEqual([]);
  });
});

describe("Copilot peaks", () => {
  // four ISO weeks of days: weekdays 12 chat users, weekends 2 (suppressed); one weekend day hidden whole (DAU 3)
  const days: PeakDay[] = Array.from({ length: 28 }, (_, i) => {
    const day = new Date(Date.UTC(2026, 5, 1 + i)).toISOString().slice(0, 10);
    const weekend = i % 7 >= 5;
    return { day, complete: true, hidden: i === 5, values: { chat_users: weekend ? 2 : 12 } };
  });
  it("take the finest grain at most 10% suppressed: weeks when weekend days drown the days", () => {
    const s = adaptiveSeries(days, ["chat_users"] as const);
    expect(s.grain).toBe("week");
    expect(s.rows.map((r) => r.chat_users)).toEqual(Array(4).fill({ value: 12, suppressed: false }));
    expect(s.rows.map((r) => r.days_complete)).toEqual([7, 7, 7, 7]);
  });
  it("never reveal a hidden day: a period whose days are all under 5 is suppressed", () => {
    const quiet = days.map((d) => ({ ...d, values: { chat_users: 3 } }));
    const s = adaptiveSeries(quiet, ["chat_users"] as const);
    expect(s.grain).toBe("quarter");
    expect(s.rows.every((r) => r.chat_users.suppressed)).toBe(true);
  });
});
