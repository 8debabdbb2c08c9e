/** Lookup in the upstream vocabularies (./vocab-tables.ts) that refuses unknown upstream values. */
import { SyncRefusal } from "../../../sync-core/src/source.ts";

export function lookup<T>(table: Readonly<Record<string, T>>, value: string | null, what: string): T {
  const v = value === null ? undefined : table[value];
  if (v === undefined) {
    throw new SyncRefusal(
      `unknown upstream value ${JSON.stringify(value)} in ${what} (known: ${Object.keys(table).join(", ")})`,
    );
  }
  return v;
}

export * from "./vocab-tables.ts";
