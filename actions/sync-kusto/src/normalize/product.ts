/** product_usage: ProductUsage rows with pseudonymous ids, month dates and our product keys. */
import type { Row } from "#core/format.ts";
import { date, int, type KustoRecord, req, str } from "#core/kusto-cells.ts";
import { lookup, PRODUCT } from "#core/vocab.ts";
import { BATCH_ROWS, type Uid, type Upstream } from "./common.ts";

/** One ProductUsage record as a product_usage row. */
export function productRow(uid: Uid, u: KustoRecord): Row {
  return {
    user_id: uid(req(u.Email, "ProductUsage.Email")),
    month: date(u.Month),
    product: lookup(PRODUCT, str(u.Product), "ProductUsage.Product"),
    active_days: int(u.ActiveDays),
    events: int(u.EventCount),
  };
}

/**
 * product_usage in batches of at most BATCH_ROWS rows (an await per batch, not per row; a window's rows are not all
 * built before the writer takes the first).
 */
export async function* productUsage(upstream: Upstream, uid: Uid): AsyncGenerator<readonly Row[]> {
  for await (const batch of upstream.batches("product_usage")) {
    for (let at = 0; at < batch.length; at += BATCH_ROWS) {
      const end = Math.min(batch.length, at + BATCH_ROWS);
      const out = new Array<Row>(end - at);
      for (let i = at; i < end; i++) out[i - at] = productRow(uid, batch[i] as KustoRecord);
      yield out;
    }
  }
}
