/** product_usage: ProductUsage rows with pseudonymous ids, month dates and our product keys. */
import type { Row } from "#core/format.ts";
import { date, int, type KustoRecord, req, str } from "#core/kusto-cells.ts";
import { lookup, PRODUCT } from "#core/vocab.ts";
import { mappedBatches, type Uid, type Upstream } from "./common.ts";

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

/** product_usage, in batches of at most BATCH_ROWS rows. */
export function productUsage(upstream: Upstream, uid: Uid): AsyncGenerator<readonly Row[]> {
  return mappedBatches(upstream, "product_usage", (r) => productRow(uid, r));
}
