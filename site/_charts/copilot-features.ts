import { FEATURE_FIELDS } from "#core/aggregated/grain.ts";
import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { NOTE } from "../_lib/columns.ts";
import { GRAIN_NOUN, GRAIN_TITLE, peakPoints } from "../_lib/grain.ts";
import { fmtNumber } from "../_lib/html.ts";
import { lineSpec } from "../_lib/specs.ts";

/**
 * Copilot chat, agent and CLI users at the grain the aggregation chose (`copilot.peaks.features`): per day when daily
 * counts clear the small-cell rule, else the most users on one day of each week / month / fiscal quarter.
 */
export default function chart(agg: Agg): ChartDef {
  const LABEL = { chat_users: "chat", agent_users: "agent", cli_users: "CLI" } as const;
  const { grain, periods, points } = peakPoints(agg, agg.copilot.peaks?.features, FEATURE_FIELDS);
  const rows = points.map((p) => ({ period: p.period, feature: LABEL[p.field], users: p.users, note: p.note }));
  const daily = grain === "day";
  const noun = GRAIN_NOUN[grain];
  const columns = [
    { key: "period", label: GRAIN_TITLE[grain] },
    { key: "feature", label: "Feature" },
    { key: "users", label: daily ? "Users" : "Most users on one day", format: "int" },
    NOTE,
  ] as const;
  const hidden = rows.filter((r) => r.note === "suppressed").length;
  const chat = rows.findLast((r) => r.feature === "chat" && r.users !== null);
  const lead = chat
    ? daily
      ? `${fmtNumber(chat.users ?? 0)} people used Copilot chat on ${chat.period}, the latest day published`
      : `Up to ${fmtNumber(chat.users ?? 0)} people used Copilot chat on one day of ${chat.period}, the latest ${noun} published`
    : "No chat count is published";
  return {
    id: "copilot-features",
    title: daily ? "Chat, agent and CLI users per day" : `Chat, agent and CLI users: the most on one day, per ${noun}`,
    takeaway: `${lead}; ${hidden} of ${rows.length} ${daily ? "daily values" : `${noun} values`} count fewer than 5 people and are suppressed.`,
    description: daily
      ? "Line chart of daily users of Copilot chat, agent mode and the CLI; ticks along the top mark missing values."
      : `Line chart of the most users of Copilot chat, agent mode and the CLI on one day, per ${noun}: daily counts of these features are mostly under 5 people, and ${noun} is the finest grain at which at most 10% of the values are suppressed. Short dashed marks on the baseline show missing values.`,
    columns,
    rows,
    spec: lineSpec({
      x: daily ? { field: "period", title: "Day", type: "temporal" } : { field: "period", title: GRAIN_TITLE[grain] },
      y: { field: "users", title: daily ? "Users" : "Most users on one day" },
      color: "feature",
      columns,
      points: periods <= 60,
    }),
    sources: sourcesOf(agg.copilot),
  };
}
