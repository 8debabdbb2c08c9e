import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
import { fmtNumber } from "../_lib/html.ts";
import { lineSpec } from "../_lib/specs.ts";

/** Copilot chat, agent and CLI users per day. */
export default function chart(agg: Agg): ChartDef {
  const rows = agg.copilot.days.flatMap((d) => {
    const nr = d.status === "not_ready";
    return [
      { day: d.day, feature: "chat", users: val(d.chat_users), note: noteOf(d.chat_users, nr) },
      { day: d.day, feature: "agent", users: val(d.agent_users), note: noteOf(d.agent_users, nr) },
      { day: d.day, feature: "CLI", users: val(d.cli_users), note: noteOf(d.cli_users, nr) },
    ];
  });
  const columns = [
    { key: "day", label: "Day" },
    { key: "feature", label: "Feature" },
    { key: "users", label: "Users", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const hidden = rows.filter((r) => r.note === "suppressed").length;
  const chat = rows.findLast((r) => r.feature === "chat" && r.users !== null);
  return {
    id: "copilot-features",
    title: "Chat, agent and CLI users per day",
    takeaway:
      (chat
        ? `${fmtNumber(chat.users ?? 0)} people used Copilot chat on ${chat.day}, the latest day published`
        : "No daily chat count is published") +
      `; ${hidden} of ${rows.length} daily values count fewer than 5 people and are suppressed.`,
    description:
      "Line chart of daily users of Copilot chat, agent mode and the CLI; ticks along the top mark missing values.",
    columns,
    rows,
    spec: lineSpec({
      x: { field: "day", title: "Day", type: "temporal" },
      y: { field: "users", title: "Users" },
      color: { field: "feature", title: "Feature" },
      columns,
      points: agg.copilot.days.length <= 60,
    }),
    sources: sourcesOf(agg.copilot),
  };
}
