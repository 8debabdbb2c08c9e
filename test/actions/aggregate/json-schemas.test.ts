import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AGGREGATED_SCHEMA_DIR, aggregatedSchemaTexts } from "../../../actions/aggregate/src/json-schemas.ts";

describe("data/schema/aggregated", () => {
  it("is generated from core/aggregated/schemas.ts (npm run aggregate -- --schemas)", () => {
    for (const [name, text] of aggregatedSchemaTexts()) {
      expect(readFileSync(join(AGGREGATED_SCHEMA_DIR, name), "utf8"), name).toBe(text);
    }
  });
});
