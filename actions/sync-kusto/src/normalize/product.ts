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

export async function* productUsage(upstream: Upstream, uid: Uid): AsyncGenerator<Row> {
  // batch by batch: an async generator between the batches and the rows would cost an await per record
  for await (const batch of upstream.batches("product_usage")) for (const u of batch) yield productRow(uid, u);
}
