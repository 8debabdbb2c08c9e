// The repository-growth bench: the fast nights (one world, only the people whose facts change that night re-rendered)
// are byte for byte the nights a whole world rendered per night gives (snapshot.ts), in the writer's layout (month
// partitions) and in the fiscal-year layout before it, including a dataset that crosses its partitioning threshold
// mid-range; and the bench on three nights ends in the committed data/.
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { growthItem } from "../../bench/growth.ts";
import { renderNights } from "../../bench/nights.ts";
import { snapshot } from "../../bench/snapshot.ts";
import { DEMO } from "../../sim/world/scales.ts";

const DAY = 86_400_000;

describe("growth bench", () => {
  it("renders the nights a whole world per night renders, byte for byte (fiscal-year layout)", async () => {
    const people = 800;
    const days = 45;
    const last = new Date(DEMO.now);
    const first = new Date(last.getTime() - (days - 1) * DAY);
    const layout = "fy";
    // a threshold the exams cross between the first and the last night (single file → fiscal-year partitions)
    const size = (at: Date): number => (snapshot(at, { people, layout }).get("individual_exams.csv") ?? "").length;
    const [a, b] = [size(first), size(last)];
    expect(b).toBeGreaterThan(a);
    const maxFileBytes = Math.floor((a + b) / 2);
    const checked = new Set([0, 1, 2, Math.floor(days / 2), days - 1]);
    const files = new Map<string, string>();
    let k = 0;
    let compared = 0;
    const layouts = new Set<boolean>();
    await renderNights({ people, last, days, maxFileBytes, layout }, (at, changed) => {
      for (const [path, text] of changed) {
        if (text === null) files.delete(path);
        else files.set(path, text);
      }
      if (checked.has(k)) {
        const slow = snapshot(at, { people, maxFileBytes, layout });
        expect([...files.keys()].sort()).toEqual([...slow.keys()].sort());
        for (const [path, text] of slow) expect(files.get(path), `${at.toISOString()} ${path}`).toBe(text);
        layouts.add(slow.has("individual_exams.csv"));
        compared++;
      }
      k++;
    });
    expect(k).toBe(days);
    expect(compared).toBe(checked.size);
    expect([...layouts].sort()).toEqual([false, true]);
  }, 120_000);

  it("renders the nights of the writer's layout (month partitions) a whole world per night renders", async () => {
    const people = 400;
    const days = 40;
    const last = new Date(DEMO.now);
    const checked = new Set([0, 1, days - 1]);
    const files = new Map<string, string>();
    let k = 0;
    let removed = 0;
    await renderNights({ people, last, days }, (at, changed) => {
      for (const [path, text] of changed) {
        if (text === null) {
          files.delete(path);
          removed++;
        } else files.set(path, text);
      }
      if (checked.has(k)) {
        const slow = snapshot(at, { people });
        expect([...files.keys()].sort()).toEqual([...slow.keys()].sort());
        for (const [path, text] of slow) expect(files.get(path), `${at.toISOString()} ${path}`).toBe(text);
      }
      k++;
    });
    expect(k).toBe(days);
    expect(removed).toBe(0);
    const months = [...files.keys()].filter((p) => /^individual_exams\/\d{4}-\d{2}\.csv$/.test(p));
    expect(months.length).toBeGreaterThan(12);
    expect(files.has("individual_exams.csv")).toBe(false);
    expect([...files.keys()].filter((p) => p.startsWith("github_activity/")).length).toBeGreaterThan(12);
  }, 120_000);

  it("commits one snapshot per night and ends at the committed data", async () => {
    const logs: string[] = [];
    const item = await growthItem(
      { scale: "S", cacheDir: "", remaining: () => 600, log: (l) => logs.push(l) },
      DEFAULT_DATA_DIR,
      new Date(DEMO.now),
      3,
    );
    expect(item.status).toBe("ok");
    expect(item.extra?.commits).toBe(3);
    expect(item.extra?.last_night_equals_committed_data).toBe(true);
    // every file on the first night, then only what changed
    // the first night writes every file (11 datasets, 6 of them as ~60 month files each, and the state); then a
    // night touches the open months and what changed
    expect(item.extra?.changed_files).toBeGreaterThan(300);
    expect(item.extra?.changed_files).toBeLessThanOrEqual(500);
    expect(item.measure?.median).toBeGreaterThan(0);
    expect(item.anchor?.median).toBeGreaterThan(0.5);
    expect(item.ratio).toBeGreaterThan(0.9);
  }, 120_000);
});
