import type { Agg } from "../_lib/agg.ts";
import { sourcesOf } from "../_lib/agg.ts";
import { noteOf, val } from "../_lib/cells.ts";
import type { ChartDef } from "../_lib/chart.ts";
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
  return {
    id: "copilot-features",
    title: "Chat, agent and CLI users per day",
    takeaway:
      "Chat, agent and command-line use of Copilot, per day; small daily counts are suppressed, not shown as zero.",
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
