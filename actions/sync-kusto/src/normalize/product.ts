/** product_usage: ProductUsage rows with pseudonymous ids, month dates and our product keys. */
import type { Row } from "#core/format.ts";
import { extractRecords } from "../extract.ts";
import type { UpstreamRecord } from "../frames.ts";
import { date, int, type NormalizeEnv, pseudonymizer, req, str } from "./common.ts";
import { lookup, PRODUCT } from "./vocab.ts";

/** One ProductUsage record as a product_usage row. */
export function productRow(uid: (email: string) => string, u: UpstreamRecord): Row {
  return {
    user_id: uid(req(u.Email, "ProductUsage.Email")),
    month: date(u.Month),
    product: lookup(PRODUCT, str(u.Product), "ProductUsage.Product"),
    active_days: int(u.ActiveDays),
    events: int(u.EventCount),
  };
}

export async function* productUsage(env: NormalizeEnv): AsyncGenerator<Row> {
  const uid = pseudonymizer(env.pseudonymKey);
  for await (const u of extractRecords(env, "product_usage")) yield productRow(uid, u);
}
