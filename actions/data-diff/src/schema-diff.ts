/** Schema changes between two versions of a dataset schema, as readable sentences. */
import type { DatasetSchema } from "#core/schema.ts";

export function schemaChanges(base: DatasetSchema | undefined, head: DatasetSchema | undefined): string[] {
  if (!base && !head) return [];
  if (!base) return ["schema added"];
  if (!head) return ["schema removed"];
  const out: string[] = [];
  const baseFields = new Map(base.fields.map((f) => [f.name, f]));
  const headFields = new Map(head.fields.map((f) => [f.name, f]));
  for (const f of head.fields) {
    const old = baseFields.get(f.name);
    if (!old) {
      out.push(`field \`${f.name}\` added (${f.type}${f.personal ? ", personal" : ""})`);
      continue;
    }
    if (old.type !== f.type) out.push(`field \`${f.name}\`: type ${old.type} → ${f.type}`);
    if (Boolean(old.personal) !== Boolean(f.personal)) {
      out.push(`field \`${f.name}\`: ${f.personal ? "now marked personal" : "no longer marked personal"}`);
    }
    if (old.constraints.required !== f.constraints.required) {
      out.push(`field \`${f.name}\`: ${f.constraints.required ? "now required" : "now optional"}`);
    }
    if (JSON.stringify(old.constraints.enum ?? null) !== JSON.stringify(f.constraints.enum ?? null)) {
      out.push(`field \`${f.name}\`: allowed values changed`);
    }
  }
  for (const f of base.fields) if (!headFields.has(f.name)) out.push(`field \`${f.name}\` removed`);
  const order = (s: DatasetSchema): string =>
    s.fields
      .map((f) => f.name)
      .filter((n) => baseFields.has(n) && headFields.has(n))
      .join(",");
  if (order(base) !== order(head)) out.push("column order changed");
  if (base.primaryKey.join(",") !== head.primaryKey.join(",")) {
    out.push(`primary key (${base.primaryKey.join(", ")}) → (${head.primaryKey.join(", ")})`);
  }
  if (JSON.stringify(base.partitioning ?? null) !== JSON.stringify(head.partitioning ?? null)) {
    out.push("partitioning changed");
  }
  if (base.cadence !== head.cadence) out.push(`cadence ${base.cadence} → ${head.cadence}`);
  return out;
}
