/** The worker's public metrics (worker/src/metrics.ts): period-closed, complementary suppression, safe movement. */
import { describe, expect, it } from "vitest";
import { computeMetric, type ExamFact, METRIC_NAMES, throughDay } from "../../worker/src/metrics.ts";

const NOW = new Date("2026-11-24T02:00:00Z");

function facts(cert: string, month: string, n: number, passed: number, tag = cert): ExamFact[] {
  return Array.from({ length: n }, (_, i) => ({
    person: `${tag}-${month}-${i}`,
    certification: cert,
    fiscal_year: "FY27",
    completed: true,
    passed: i < passed,
    registered_at: `${month}-02T10:00:00Z`,
    completed_at: `${month}-20T10:00:00Z`,
  }));
}

const answers = (fs: readonly ExamFact[], now = NOW) =>
  METRIC_NAMES.map((m) => JSON.stringify(computeMetric(m, fs, now)));

type Row = {
  certification: string;
  exams?: { suppressed: boolean };
  completed?: { suppressed: boolean };
  passed?: { suppressed: boolean };
};
const rows = (fs: readonly ExamFact[], m: "exams-fy" | "pass-rate") =>
  (computeMetric(m, fs, NOW).by_certification ?? []) as readonly Row[];

describe("worker public metrics", () => {
  it("are period-closed: one person's exam this month changes no answer, whatever its outcome", () => {
    const base = [...facts("GH-100", "2026-09", 40, 30), ...facts("GH-200", "2026-10", 35, 20)];
    const today = (passed: boolean): ExamFact => ({
      person: "someone",
      certification: "GH-100",
      fiscal_year: "FY27",
      completed: true,
      passed,
      registered_at: "2026-11-02T10:00:00Z",
      completed_at: "2026-11-23T15:00:00Z",
    });
    expect(answers([...base, today(true)])).toEqual(answers(base));
    expect(answers([...base, today(false)])).toEqual(answers(base));
    expect(throughDay(NOW)).toBe("2026-10-31");
    expect(computeMetric("exams-fy", base, NOW)).toMatchObject({ through: "2026-10-31", fiscal_year: "FY27" });
  });

  it("hide a second certification when one is small (total − visible parts)", () => {
    const fs = [
      ...facts("GH-100", "2026-08", 40, 30),
      ...facts("GH-200", "2026-08", 30, 20),
      ...facts("GH-300", "2026-08", 3, 2),
    ];
    const hidden = rows(fs, "exams-fy").filter((r) => r.exams?.suppressed);
    expect(hidden.map((r) => r.certification).sort()).toEqual(["GH-200", "GH-300"]);
  });

  it("hide completed or passed when failures are 1–4 (completed − passed)", () => {
    const r = rows(facts("GH-100", "2026-08", 40, 38), "pass-rate")[0];
    expect(r?.completed?.suppressed === true || r?.passed?.suppressed === true).toBe(true);
  });

  it("show a figure month over month only when it moved by 0 or ≥ 5 since last shown", () => {
    const fs = [
      ...facts("GH-100", "2026-08", 40, 30),
      ...facts("GH-100", "2026-09", 3, 3, "late"),
      ...facts("GH-200", "2026-08", 50, 40),
    ];
    const oct = computeMetric("exams-fy", fs, new Date("2026-10-05T00:00:00Z"));
    const gh100 = ((oct.by_certification ?? []) as readonly Row[]).find((r) => r.certification === "GH-100");
    expect(gh100?.exams?.suppressed).toBe(true);
  });
});
