/** The derived source of the sync core: journey_complete, computed from the committed CSVs after the other sources. */
import { getSchema } from "#core/schema.ts";
import type { Source } from "../../sync-core/src/source.ts";
import { SyncSkip } from "../../sync-core/src/source.ts";
import { deriveJourney, hasPeople } from "./derive.ts";

function from(): string[] {
  const s = getSchema("journey_complete").source;
  return s.kind === "derived" ? s.from.map((d) => `derived:${d}`) : [];
}

export function journeySource(): Source {
  return {
    name: "derived",
    datasets: ["journey_complete"],
    async dataset(_name, ctx) {
      if (!hasPeople(ctx.dataDir)) throw new SyncSkip("unified_users.csv does not exist yet: nothing to derive from");
      return { rows: await deriveJourney(ctx.dataDir), sources: from() };
    },
  };
}
