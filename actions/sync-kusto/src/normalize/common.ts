/** Cell helpers shared by the normalizers. */
import type { Row } from "#core/format.ts";
import { pseudonym } from "#core/pseudonym.ts";
import { SyncRefusal } from "../../../sync-core/src/source.ts";
import type { ExtractEnv } from "../extract.ts";
import type { Cell } from "../frames.ts";

/** What every normalizer receives. */
export interface NormalizeEnv extends ExtractEnv {
  readonly pseudonymKey: string;
}

export type Normalizer = (env: NormalizeEnv) => AsyncIterable<Row>;

export function str(v: Cell | undefined): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

export function req(v: Cell | undefined, what: string): string {
  const s = str(v);
  if (s === null) throw new SyncRefusal(`upstream ${what} is empty`);
  return s;
}

/** A wire datetime (7 fraction digits) as our canonical datetime: whole seconds, fraction dropped. */
export function datetime(v: Cell | undefined): string | null {
  const s = str(v);
  if (s === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(s)) throw new SyncRefusal(`not a datetime: ${s}`);
  return `${s.slice(0, 19)}Z`;
}

export function date(v: Cell | undefined): string | null {
  return datetime(v)?.slice(0, 10) ?? null;
}

export function int(v: Cell | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new SyncRefusal(`not a number: ${String(v)}`);
  return Math.round(v);
}

export function bool(v: Cell | undefined): boolean | null {
  return typeof v === "boolean" ? v : null;
}

/**
 * A flat copy of a string, for values kept long (map keys, per-person tables): a concatenation or a slice would keep
 * its parts or a larger parent string alive (a pseudonym is a 16-character slice of a 64-character digest).
 */
export function flat(s: string): string {
  return /[\u0100-\uffff]/.test(s) ? s : Buffer.from(s, "latin1").toString("latin1");
}

/** Cached pseudonyms (the same person appears in many rows). */
export function pseudonymizer(key: string): (email: string) => string {
  const cache = new Map<string, string>();
  return (email) => {
    let id = cache.get(email);
    if (id === undefined) {
      id = flat(pseudonym(key, email));
      if (cache.size > 50_000) cache.clear();
      cache.set(email, id);
    }
    return id;
  };
}
