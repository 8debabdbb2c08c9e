/** Loads a data directory's aggregates for tests, validated with the same schemas as the site build. */
import { AGGREGATED_SCHEMAS } from "#core/aggregated/schemas.ts";
import type { Agg } from "../../../site/_lib/agg.ts";
import { loadAggregate } from "../../../site/_load/load.ts";
import { localSource } from "../../../site/_load/source.ts";

/** The aggregates of a data directory, validated like the site build does. */
export async function loadAgg(dataDir: string): Promise<Agg> {
  const src = localSource(dataDir);
  const S = AGGREGATED_SCHEMAS;
  return {
    certifications: (await loadAggregate(src, "certifications.json", S.certifications)).data,
    exams: (await loadAggregate(src, "exams.json", S.exams)).data,
    journey: (await loadAggregate(src, "journey.json", S.journey)).data,
    copilot: (await loadAggregate(src, "copilot.json", S.copilot)).data,
    skills: (await loadAggregate(src, "skills.json", S.skills)).data,
    activity: (await loadAggregate(src, "activity.json", S.activity)).data,
    kpis: (await loadAggregate(src, "kpis.json", S.kpis)).data,
    regions: (await loadAggregate(src, "regions.json", S.regions)).data,
  };
}
