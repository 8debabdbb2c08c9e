// The repository-growth bench on three nights: the world advanced night by night into a fresh repository; the last
// night renders the committed data/ byte for byte, so the year it replays ends in the data we actually commit.
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { growthItem } from "../../bench/growth.ts";
import { DEMO } from "../../sim/world/scales.ts";

describe("growth bench", () => {
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
    expect(item.extra?.changed_files).toBeGreaterThan(13);
    expect(item.extra?.changed_files).toBeLessThanOrEqual(39);
    expect(item.measure?.median).toBeGreaterThan(0);
    expect(item.anchor?.median).toBeGreaterThan(4);
  });
});
