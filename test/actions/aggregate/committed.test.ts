import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AGGREGATED_FILES, AGGREGATED_SCHEMAS, type Regions } from "#core/aggregated/schemas.ts";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { findDisclosures, type Published } from "../../harness/aggregate/differencing.ts";

const dir = join(DEFAULT_DATA_DIR, "aggregated");
const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, `${f}.json`), "utf8"));

const published = () =>
  Object.fromEntries(
    ["certifications", "exams", "journey", "skills", "activity", "kpis", "regions"].map((f) => [f, read(f)]),
  ) as unknown as Published;

describe.runIf(existsSync(dir))("committed data/aggregated", () => {
  it("matches the schemas", () => {
    for (const f of AGGREGATED_FILES) expect(AGGREGATED_SCHEMAS[f].safeParse(read(f)).success, f).toBe(true);
  });
  it("exposes no 1–4 people through visible cells or differencing", () => {
    expect(findDisclosures(published())).toEqual([]);
  });
  it("the differencing check sees a hidden region cell that the overall row and the other regions pin", () => {
    const regions = read("regions") as Regions;
    const all = regions.regions.find((x) => x.region === "all");
    const parts = regions.regions.filter((x) => x.region !== "all");
    const visible = parts.slice(1).reduce((s, x) => s + (x.people.value ?? 0), 0);
    const planted: Regions = {
      ...regions,
      regions: regions.regions.map((x) => {
        if (x === parts[0]) return { ...x, people: { value: null, suppressed: true } };
        if (x === all) return { ...x, people: { value: visible + 3, suppressed: false } };
        return x;
      }),
    };
    expect(findDisclosures({ ...published(), regions: planted })).toContain("region people: 3");
  });
});
