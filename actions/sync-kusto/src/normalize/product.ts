/** product_usage: ProductUsage rows with pseudonymous ids, month dates and our product keys. */
import type { Row } from "#core/format.ts";
import { date, int, type KustoRecord, req, str } from "#core/kusto-cells.ts";
import { lookup, PRODUCT } from "#core/vocab.ts";
import type { Uid, Upstream } from "./common.ts";

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

/** product_usage, one batch of rows per window (an await per window, not per row). */
export async function* productUsage(upstream: Upstream, uid: Uid): AsyncGenerator<readonly Row[]> {
  for await (const batch of upstream.batches("product_usage")) {
    const out = new Array<Row>(batch.length);
    for (let i = 0; i < batch.length; i++) out[i] = productRow(uid, batch[i] as KustoRecord);
    yield out;
  }
}
