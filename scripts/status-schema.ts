/** Regenerates data/schema/sync_status.schema.json from the zod definition in actions/shared/status.ts. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_DIR } from "../actions/shared/schema.ts";
import { statusJsonSchema } from "../actions/shared/status.ts";

const file = join(SCHEMA_DIR, "sync_status.schema.json");
writeFileSync(file, `${JSON.stringify(statusJsonSchema(), null, 2)}\n`);
console.error(`wrote ${file}`);
