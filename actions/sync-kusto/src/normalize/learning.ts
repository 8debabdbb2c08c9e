/**
 * learning_activity: LearningEvents per person × day × item (completed when any event of that day completed it).
 * A day never spans two configured windows (windows start at midnight), so grouping per window is complete.
 */
import type { Row } from "#core/format.ts";
import { extractBatches } from "../extract.ts";
import type { UpstreamRecord } from "../frames.ts";
import { date, type NormalizeEnv, pseudonymizer, req, str } from "./common.ts";
import { ITEM_TYPE, lookup } from "./vocab.ts";

type Activity = {
  user_id: string;
  date: string;
  item_id: string;
  item_type: string;
  completed: boolean;
};

/** LearningEvents records grouped per person × day × item (completed when any event of the group completed it). */
export function learningGroups(uid: (email: string) => string, records: readonly UpstreamRecord[]): Row[] {
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

export async function* learningActivity(env: NormalizeEnv): AsyncGenerator<Row> {
  const uid = pseudonymizer(env.pseudonymKey);
  for await (const b of extractBatches(env, "learning_events")) yield* learningGroups(uid, b.records);
}
