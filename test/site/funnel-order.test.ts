// The journey funnel draws its stages in journey order for every cohort, whichever stages are suppressed (the FY27
// page once drew 1, 2, 4, 5, 3, 6: the band domain followed the layers' data, not the rows).
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import funnel from "../../site/_charts/funnel.ts";
import { cohorts } from "../../site/_charts/index.ts";
import { renderChart } from "../../site/_lib/chart.ts";
import { loadAgg } from "../harness/site/agg.ts";

/** Texts of the band axis labels, top to bottom. */
function axisLabels(svg: string): string[] {
  const axis = /<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/gs;
  const groups = [...svg.matchAll(axis)].map((m) => m[1] ?? "");
  const stage = groups.find((g) => /[1-6] Learning|[1-6] Skills/.test(g)) ?? "";
  return [...stage.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
}

describe("funnel stage order", () => {
  it("is 1…6 on every cohort of the committed data (merged stage groups in order, by their first stage)", async () => {
    const agg = await loadAgg(DEFAULT_DATA_DIR);
    for (const c of ["all", ...cohorts(agg)]) {
      const svg = (await renderChart(funnel(agg, c))).svg;
      const groups = agg.journey.cohorts.find((x) => x.cohort === c)?.stage_groups ?? [];
      const firsts = groups.map((g) =>
        String(["learning", "skills", "registered", "examined", "certified", "product"].indexOf(g[0] ?? "") + 1),
      );
      expect(
        axisLabels(svg).map((l) => l.slice(0, 1)),
        c,
      ).toEqual(firsts);
      expect(firsts[0], c).toBe("1");
      expect([...firsts].sort(), c).toEqual(firsts);
    }
    // all cohorts together clear the rule at every stage
    expect(agg.journey.cohorts.find((x) => x.cohort === "all")?.stage_groups).toHaveLength(6);
  });
});
