/**
 * Extraction feeding the normalizers: the `Upstream` a dataset's pure normalizer reads (normalize/common.ts), served
 * window by window by extract.ts, and the one place where a normalizer's refusal of upstream values (an
 * UpstreamValueError of core/) becomes the sync's refusal (the committed file stays).
 */
import type { Row } from "#core/format.ts";
import { UpstreamValueError } from "#core/kusto-cells.ts";
import { SyncRefusal } from "../../sync-core/src/source.ts";
import { type ExtractEnv, extractBatches, fetchBatch } from "./extract.ts";
import type { ExtractName } from "./extracts.ts";
import type { Normalizer, Rows, Uid, Upstream } from "./normalize/common.ts";
import { eachRow, pseudonymizer } from "./normalize/common.ts";
import { NORMALIZERS } from "./normalize/index.ts";

/** The records of each extract, fetched through `env` when the normalizer asks for them. */
export function upstreamOf(env: ExtractEnv): Upstream {
  return {
    async *batches(name: ExtractName) {
      for await (const b of extractBatches(env, name)) yield b.records;
    },
    async *aligned(driver: ExtractName, others: readonly ExtractName[]) {
      // the driver sizes the windows; the others are read for the very same window, one after the other
      for await (const b of extractBatches(env, driver)) {
        const w = new Map<ExtractName, (typeof b)["records"]>([[driver, b.records]]);
        for (const o of others) w.set(o, (await fetchBatch(env, o, b.window)).records);
        yield w;
      }
    },
  };
}

/** An upstream value the data cannot hold as the sync's refusal; anything else unchanged. */
export function asRefusal(err: unknown): unknown {
  return err instanceof UpstreamValueError ? new SyncRefusal(err.detail) : err;
}

/** Runs `fn`, turning an UpstreamValueError into the sync's refusal. */
export async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asRefusal(err);
  }
}

/** `rows`, with an UpstreamValueError thrown while iterating turned into the sync's refusal. */
export async function* refusingRows(rows: Rows): AsyncGenerator<Row | readonly Row[]> {
  try {
    yield* rows;
  } catch (err) {
    throw asRefusal(err);
  }
}

/** A normalizer fed by extraction through `env`. */
export function normalized(
  normalize: Normalizer,
  env: ExtractEnv & { readonly pseudonymKey: string; readonly uid?: Uid },
): AsyncGenerator<Row | readonly Row[]> {
  return refusingRows(normalize(upstreamOf(env), env.uid ?? pseudonymizer(env.pseudonymKey)));
}

/** A Kusto dataset's rows, extracted in full and normalized (the conformance tests drive one dataset this way). */
export function datasetRows(env: ExtractEnv & { readonly pseudonymKey: string }, dataset: string): AsyncGenerator<Row> {
  const n = (NORMALIZERS as Readonly<Record<string, { readonly rows: Normalizer }>>)[dataset];
  if (n === undefined) throw new Error(`no Kusto normalizer for ${dataset}`);
  return eachRow(normalized(n.rows, env));
}
