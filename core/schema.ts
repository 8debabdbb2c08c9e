/**
 * The one data contract: loads and validates `data/schema/<dataset>.json` (Frictionless Table Schema shape plus our
 * own `grain`, `source`, `cadence`, `partitioning` and per-field `personal`). Every part of the project reads datasets
 * through these types; nothing else describes a dataset.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CADENCES } from "./staleness.ts";

export const REPO_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const DEFAULT_DATA_DIR = join(REPO_ROOT, "data");
export const SCHEMA_DIR = join(REPO_ROOT, "data", "schema");

export const FIELD_TYPES = ["string", "integer", "number", "boolean", "date", "datetime"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export { CADENCES, type Cadence } from "./staleness.ts";

const constraintsSchema = z
  .object({
    required: z.boolean(),
    enum: z.array(z.string()).min(1).optional(),
    pattern: z.string().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    /** longest string cell accepted (default DEFAULT_MAX_LENGTH in validate.ts) */
    maxLength: z.number().int().positive().optional(),
  })
  .strict();

export const fieldSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    type: z.enum(FIELD_TYPES),
    format: z.string().optional(),
    description: z.string().min(3),
    constraints: constraintsSchema,
    personal: z.boolean().optional(),
  })
  .strict();

const sourceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("kusto"),
    clusters: z.array(z.object({ cluster: z.string(), database: z.string() }).strict()).min(1),
  }),
  z.object({ kind: z.literal("github"), endpoints: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal("derived"), from: z.array(z.string()).min(1) }),
]);

export const datasetSchemaSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    title: z.string(),
    description: z.string(),
    path: z.string().regex(/^[a-z_]+\.csv$/),
    grain: z.string(),
    source: sourceSchema,
    cadence: z.enum(["nightly", "weekly"]),
    primaryKey: z.array(z.string()).min(1),
    // month: always `<name>/<YYYY-MM>.csv` by the field's month; maxFileBytes: fiscal-year files above that size
    partitioning: z
      .union([
        z.object({ field: z.string(), period: z.literal("month") }).strict(),
        z.object({ field: z.string(), maxFileBytes: z.number().int().positive() }).strict(),
      ])
      .optional(),
    missingValues: z.tuple([z.literal("")]),
    fields: z.array(fieldSchema).min(1),
  })
  .strict()
  .superRefine((s, ctx) => {
    const names = new Set(s.fields.map((f) => f.name));
    if (names.size !== s.fields.length) ctx.addIssue({ code: "custom", message: "duplicate field names" });
    for (const k of s.primaryKey) {
      const f = s.fields.find((x) => x.name === k);
      if (!f) ctx.addIssue({ code: "custom", message: `primaryKey field ${k} is not a field` });
      else if (!f.constraints.required)
        ctx.addIssue({ code: "custom", message: `primaryKey field ${k} must be required` });
    }
    if (s.partitioning && !names.has(s.partitioning.field)) {
      ctx.addIssue({ code: "custom", message: `partitioning field ${s.partitioning.field} is not a field` });
    }
    if (s.path !== `${s.name}.csv`) ctx.addIssue({ code: "custom", message: "path must be <name>.csv" });
  });

export type DatasetSchema = z.infer<typeof datasetSchemaSchema>;
export type Field = z.infer<typeof fieldSchema>;

/** Parses one schema document, throwing an error that names the file and the problem. */
export function parseDatasetSchema(json: unknown, file = "<schema>"): DatasetSchema {
  const r = datasetSchemaSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`${file}: invalid dataset schema: ${issues}`);
  }
  return r.data;
}

let cache: ReadonlyMap<string, DatasetSchema> | undefined;

/** All dataset schemas by name, sorted by name. Reads `data/schema` of the repository (schemas are code, not data). */
export function loadSchemas(schemaDir = SCHEMA_DIR): ReadonlyMap<string, DatasetSchema> {
  if (schemaDir === SCHEMA_DIR && cache) return cache;
  const out = new Map<string, DatasetSchema>();
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".json") && !f.includes(".schema."))
    .sort();
  for (const f of files) {
    const file = join(schemaDir, f);
    const s = parseDatasetSchema(JSON.parse(readFileSync(file, "utf8")), file);
    if (`${s.name}.json` !== f) throw new Error(`${file}: schema name ${s.name} does not match its file name`);
    out.set(s.name, s);
  }
  if (schemaDir === SCHEMA_DIR) cache = out;
  return out;
}

export function getSchema(name: string): DatasetSchema {
  const s = loadSchemas().get(name);
  if (!s) throw new Error(`Unknown dataset "${name}". Known datasets: ${[...loadSchemas().keys()].join(", ")}`);
  return s;
}

export function datasetNames(): string[] {
  return [...loadSchemas().keys()];
}

export function fieldOf(schema: DatasetSchema, name: string): Field {
  const f = schema.fields.find((x) => x.name === name);
  if (!f) throw new Error(`Dataset ${schema.name} has no field "${name}"`);
  return f;
}

/** Staleness threshold in hours: a dataset is stale when its last success is older than twice its cadence. */
export function staleAfterHours(schema: Pick<DatasetSchema, "cadence">): number {
  return 2 * CADENCES[schema.cadence];
}
