/**
 * A dataset schema for tests of the core's writer and validator: the fields, key and partitioning a test is about,
 * and the rest of a schema (title, path `<name>.csv`, a derived source, nightly, "" as the missing value) filled in.
 */
import { type DatasetSchema, parseDatasetSchema } from "#core/schema.ts";

type Spec = Pick<DatasetSchema, "name" | "primaryKey" | "fields"> & Partial<Pick<DatasetSchema, "partitioning">>;

export function testSchema(spec: Spec): DatasetSchema {
  return parseDatasetSchema({
    title: spec.name,
    description: "a test dataset",
    path: `${spec.name}.csv`,
    grain: "thing",
    source: { kind: "derived", from: ["x"] },
    cadence: "nightly",
    missingValues: [""],
    ...spec,
  });
}
