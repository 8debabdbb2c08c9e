/** Writes `data/schema/aggregated/<file>.json` (JSON Schemas generated from core/aggregated/schemas.ts). */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AGGREGATED_FILES, aggregatedJsonSchema } from "#core/aggregated/schemas.ts";
import { SCHEMA_DIR } from "#core/schema.ts";

export const AGGREGATED_SCHEMA_DIR = join(SCHEMA_DIR, "aggregated");

export function aggregatedSchemaTexts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of AGGREGATED_FILES) out.set(`${f}.json`, `${JSON.stringify(aggregatedJsonSchema(f), null, 2)}\n`);
  return out;
}

export function writeAggregatedSchemas(dir = AGGREGATED_SCHEMA_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of aggregatedSchemaTexts()) {
    writeFileSync(join(dir, name), text);
    written.push(join(dir, name));
  }
  return written;
}
