/** The validated aggregated inputs, one typed value per `data/aggregated/<file>.json`. */
import type {
  Activity,
  Certifications,
  Copilot,
  Exams,
  Journey,
  Kpis,
  Skills,
} from "../../actions/aggregate/schemas.ts";

export interface Agg {
  readonly certifications: Certifications;
  readonly exams: Exams;
  readonly journey: Journey;
  readonly copilot: Copilot;
  readonly skills: Skills;
  readonly activity: Activity;
  readonly kpis: Kpis;
}

/** Dataset names a file was generated from (for "data from" links). */
export function sourcesOf(file: { generated_from: readonly { dataset: string }[] }): string[] {
  return file.generated_from.map((g) => g.dataset);
}
