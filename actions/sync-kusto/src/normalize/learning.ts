/**
 * learning_activity: LearningEvents per person × day × item (completed when any event of that day completed it).
 * A day never spans two configured windows (windows start at midnight), so grouping per window is complete.
 */
import type { Row } from "#core/format.ts";
import { date, type KustoRecord, req, str } from "#core/kusto-cells.ts";
import { ITEM_TYPE, lookup } from "#core/vocab.ts";
import type { Uid, Upstream } from "./common.ts";

type Activity = {
  user_id: string;
  date: string;
  item_id: string;
  item_type: string;
  completed: boolean;
};

/** LearningEvents records grouped per person × day × item (completed when any event of the group completed it). */
export function learningGroups(uid: Uid, records: readonly KustoRecord[]): Row[] {
  const groups = new Map<string, Activity>();
  for (const l of records) {
    const user = uid(req(l.Email, "LearningEvents.Email"));
    const day = date(l.Timestamp) ?? req(null, "LearningEvents.Timestamp");
    const item = req(l.ItemId, "LearningEvents.ItemId");
    const key = `${user}|${day}|${item}`;
    const g = groups.get(key);
    const completed = l.Completed === true;
    if (g) g.completed ||= completed;
    else
      groups.set(key, {
        user_id: user,
        date: day,
        item_id: item,
        item_type: lookup(ITEM_TYPE, str(l.ItemType), "LearningEvents.ItemType"),
        completed,
      });
  }
  return [...groups.values()];
}

/** learning_activity, one batch of rows per window. */
export async function* learningActivity(upstream: Upstream, uid: Uid): AsyncGenerator<readonly Row[]> {
  for await (const b of upstream.batches("learning_events")) yield learningGroups(uid, b);
}
