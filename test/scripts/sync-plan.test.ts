import { describe, expect, it } from "vitest";
import { planSync } from "../../scripts/sync-plan.ts";

const NIGHTLY =
  "certified_users,individual_exams,learning_activity,product_usage,unified_users,copilot_daily,copilot_languages,github_activity,journey_complete";

describe("sync plan (which action syncs which dataset)", () => {
  it("splits a schedule's datasets by source, journey last", () => {
    expect(planSync({ source: "all", datasets: "", schedule: NIGHTLY })).toEqual({
      kusto: ["certified_users", "individual_exams", "learning_activity", "product_usage", "unified_users"],
      github: ["copilot_daily", "copilot_languages", "github_activity"],
      journey: true,
    });
    expect(planSync({ source: "", datasets: "", schedule: "github_activity" })).toEqual({
      kusto: [],
      github: ["github_activity"],
      journey: false,
    });
  });

  it("a source alone means all of its datasets plus the journey; chosen datasets override the schedule", () => {
    const k = planSync({ source: "kusto", datasets: "", schedule: NIGHTLY });
    expect(k.github).toEqual([]);
    expect(k.kusto).toHaveLength(5);
    expect(k.journey).toBe(true);
    expect(planSync({ source: "github", datasets: " skills_courses ,journey_complete", schedule: NIGHTLY })).toEqual({
      kusto: [],
      github: ["skills_courses"],
      journey: true,
    });
  });

  it("refuses unknown names, another source's datasets and unknown sources, naming them", () => {
    expect(() => planSync({ source: "all", datasets: "exams", schedule: "" })).toThrow(/unknown dataset\(s\) exams/);
    expect(() => planSync({ source: "kusto", datasets: "github_activity", schedule: "" })).toThrow(
      /github_activity are not kusto datasets/,
    );
    expect(() => planSync({ source: "everything", datasets: "", schedule: "" })).toThrow(/unknown source "everything"/);
  });
});
