/** The one exam-record assembly (core/exams.ts): Pearson rows, the legacy join, the refusals, the order. */
import { describe, expect, it } from "vitest";
import { legacyExams, pearsonExam, sortExams } from "#core/exams.ts";
import { UpstreamValueError } from "#core/kusto-cells.ts";

const pearson = {
  RegistrationId: "R-1",
  ExamCode: "GH-300",
  RegisteredAt: "2025-06-30T23:59:59.9990000Z",
  AppointmentAt: "2025-07-03T09:00:00.0000000Z",
  CompletedAt: null,
  Status: "NoShow",
  DeliveryMode: "OnVUE",
  Score: null,
  PassFail: null,
};

describe("pearsonExam", () => {
  it("maps one registration with the shared vocabularies and fiscal year", () => {
    expect(pearsonExam(pearson)).toEqual({
      exam_id: "P-R-1",
      certification: "GH-300",
      exam_source: "pearson",
      fiscal_year: "FY25",
      registered_at: "2025-06-30T23:59:59Z",
      scheduled_at: "2025-07-03T09:00:00Z",
      taken_at: null,
      status: "no_show",
      delivery: "online",
      score: null,
      passed: null,
    });
  });

  it("refuses an unknown exam code and an empty registration id", () => {
    expect(() => pearsonExam({ ...pearson, ExamCode: "GH-999" })).toThrow(UpstreamValueError);
    expect(() => pearsonExam({ ...pearson, RegistrationId: "" })).toThrow("upstream PearsonExamResults.RegistrationId");
  });
});

describe("legacyExams", () => {
  const eligibility = [
    { EligibilityId: "E2", ExamName: "GitHub Actions", EligibleAt: new Date("2026-01-05T10:00:00Z") },
    { EligibilityId: "E1", ExamName: "GitHub Foundations", EligibleAt: new Date("2025-12-01T08:30:00Z") },
  ];
  const scheduling = [
    {
      EligibilityId: "E1",
      AppointmentAt: new Date("2025-12-10T08:00:00Z"),
      DeliveryType: "Test Center",
      State: "Completed",
    },
  ];
  const results = [{ EligibilityId: "E1", TakenAt: new Date("2025-12-10T08:00:00Z"), ScoreValue: 701.6, Passed: true }];

  it("joins eligibility, scheduling and results on EligibilityId; no scheduling record is `eligible`", () => {
    const exams = legacyExams(eligibility, scheduling, results);
    expect(exams.map((e) => [e.exam_id, e.certification, e.status, e.delivery, e.score, e.passed])).toEqual([
      ["L-E2", "GH-200", "eligible", null, null, null],
      ["L-E1", "GH-900", "completed", "test_center", 702, true],
    ]);
    expect(sortExams(exams).map((e) => e.exam_id)).toEqual(["L-E1", "L-E2"]);
  });

  it("refuses a scheduling state outside the vocabulary", () => {
    const odd = [{ ...scheduling[0], State: "Postponed" }];
    expect(() => legacyExams(eligibility, odd, results)).toThrow("unknown upstream value in ExamScheduling.State");
  });
});
