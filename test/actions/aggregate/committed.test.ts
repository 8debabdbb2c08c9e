import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AGGREGATED_FILES, AGGREGATED_SCHEMAS } from "#core/aggregated/schemas.ts";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { findDisclosures, type Published } from "../../harness/aggregate/differencing.ts";

const dir = join(DEFAULT_DATA_DIR, "aggregated");
const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, `${f}.json`), "utf8"));

describe.runIf(existsSync(dir))("committed data/aggregated", () => {
  it("matches the schemas", () => {
    for (const f of AGGREGATED_FILES) expect(AGGREGATED_SCHEMAS[f].safeParse(read(f)).success, f).toBe(true);
  });
  it("exposes no 1–4 people through visible cells or differencing", () => {
    const p = Object.fromEntries(
      ["certifications", "exams", "journey", "skills", "activity", "kpis"].map((f) => [f, read(f)]),
    ) as unknown as Published;
    expect(findDisclosures(p)).toEqual([]);
  });
});
