import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR, datasetNames, loadSchemas, parseDatasetSchema, SCHEMA_DIR } from "#core/schema.ts";
import { statusJsonSchema } from "#core/status.ts";
import { validateDataset } from "#core/validate.ts";
import { DATASETS } from "../../sim/world/goldens.ts";

// the datasets the synthetic world renders goldens for: the schema must describe exactly these
const EXPECTED = [...DATASETS];

describe("data/schema", () => {
  it("describes exactly the 11 datasets, each with primaryKey, grain, source, cadence and field descriptions", () => {
    expect(datasetNames()).toEqual(EXPECTED);
    for (const s of loadSchemas().values()) {
      expect(s.primaryKey.length).toBeGreaterThan(0);
      expect(s.grain).not.toBe("");
      expect(["nightly", "weekly"]).toContain(s.cadence);
      for (const f of s.fields) expect(f.description.length).toBeGreaterThan(3);
    }
  });

  it("keeps people pseudonymous: no e-mail, name or free-text person columns", () => {
    for (const s of loadSchemas().values()) {
      for (const f of s.fields) expect(f.name).not.toMatch(/mail|name|display/);
    }
  });

  it("rejects a schema whose primary key is not a required field", () => {
    const bad = JSON.parse(readFileSync(join(SCHEMA_DIR, "skills_courses.json"), "utf8"));
    bad.primaryKey = ["nope"];
    expect(() => parseDatasetSchema(bad, "bad.json")).toThrow(/primaryKey field nope/);
  });

  it("ships a sync_status JSON Schema generated from the zod definition (npm run schema:status)", () => {
    const onDisk = JSON.parse(readFileSync(join(SCHEMA_DIR, "sync_status.schema.json"), "utf8"));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(statusJsonSchema())));
  });
});

describe("committed data/", () => {
  it.each(EXPECTED)("%s matches its schema", async (name) => {
    const schema = loadSchemas().get(name);
    if (!schema) throw new Error(name);
    const { problems } = await validateDataset(DEFAULT_DATA_DIR, schema, { requireFile: false });
    expect(problems).toEqual([]);
  });
});
