/** Regenerates data/schema/sync_status.schema.json from the zod definition in core/status.ts. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCli } from "#core/args.ts";
import { SCHEMA_DIR } from "#core/schema.ts";
import { statusJsonSchema } from "#core/status.ts";

parseCli(process.argv.slice(2), {
  usage: `usage: npm run schema:status
  (no options) regenerates data/schema/sync_status.schema.json from core/status.ts
  -h, --help        print this help and exit
`,
  options: {},
});

const file = join(SCHEMA_DIR, "sync_status.schema.json");
writeFileSync(file, `${JSON.stringify(statusJsonSchema(), null, 2)}\n`);
console.error(`wrote ${file}`);
