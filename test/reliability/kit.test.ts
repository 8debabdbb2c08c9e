import { expect, it } from "vitest";
import { choosePoints } from "./crash.ts";
import { changedBytes, figures } from "./kit.ts";

it("chooses every rare crash point and spreads the rest over frequent phases", () => {
  const counts = new Map([
    ["stage-row", 9000],
    ["status-rename", 2],
    ["commit-rename", 2],
    ["run-record-rename", 3],
  ]);
  const points = choosePoints(counts, 52);
  expect(points).toHaveLength(52);
  expect(points).toContain("status-rename:2");
  expect(points).toContain("run-record-rename:3");
  expect(points.filter((p) => p.startsWith("stage-row:"))).toHaveLength(45);
});

it("counts changed committed bytes per dataset and sums figures", () => {
  const before = new Map([
    ["a.csv", Buffer.from("x\n1\n")],
    ["b/FY26.csv", Buffer.from("y\n")],
  ]);
  const after = new Map([
    ["a.csv", Buffer.from("x\n1\n")],
    ["b/FY26.csv", Buffer.from("y\n2\n")],
  ]);
  expect(changedBytes(before, after, "a")).toBe(0);
  expect(changedBytes(before, after, "b")).toBe(4);
  const f = figures([
    { group: "g", name: "n", imitates: "i", injected: 2, survived: true, bytesChanged: 0, wrongStatus: 0, outcome: "" },
    {
      group: "g",
      name: "m",
      imitates: "i",
      injected: 1,
      survived: false,
      bytesChanged: 3,
      wrongStatus: 1,
      outcome: "",
    },
  ]);
  expect(f).toMatchObject({ faultsInjected: 3, faultsSurvived: 2, distinctFaults: 2, bytesChanged: 3, wrongStatus: 1 });
});
