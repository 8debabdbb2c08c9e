/**
 * The sync's upstream vocabularies (actions/sync-kusto/src/normalize/vocab-tables.ts: plain data, bundled into the
 * worker), with the worker's own lookup: an unknown upstream value throws, which makes the live path fall back, as
 * the sync refuses it.
 */
export {
  CERTIFICATIONS,
  DELIVERY,
  LEGACY_EXAM,
  LEGACY_STATE,
  PASS_FAIL,
  PEARSON_STATUS,
} from "../../actions/sync-kusto/src/normalize/vocab-tables.ts";

export function lookup<T>(table: Readonly<Record<string, T>>, value: string | null, what: string): T {
  const v = value === null ? undefined : table[value];
  if (v === undefined) throw new Error(`unknown upstream value in ${what}`);
  return v;
}
